"""Volunteers: who needs chasing for a DBS check, training or hours, current volunteers first.

A first click on a DBS, training, hours or last-active header (or choosing it under "Sort by")
puts those to chase at the top: nothing recorded, then the longest overdue or least active.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtWidgets import QCheckBox, QWidget

from desktop_app.domain.listing import VolunteerFilter, VolunteerRow
from desktop_app.domain.renewals import Renewal
from desktop_app.services import volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.list_out import Fetch, page_reader
from desktop_app.ui.common.list_screen import ListScreen, counted
from desktop_app.ui.common.paged_table_model import RIGHT, Column, PagedTableModel, Sort
from desktop_app.ui.common.value_text import hours_text, short_date
from desktop_app.ui.shell.record_opener import RecordOpener
from desktop_app.ui.volunteers.renewal_text import (
    dbs_text,
    dbs_tooltip,
    training_text,
    training_tooltip,
)

_TO_CHASE = (Renewal.OVERDUE, Renewal.DUE_SOON)


def _last_active(row: VolunteerRow) -> str:
    return short_date(row.last_active_on) if row.last_active_on else "None recorded"


VOLUNTEER_COLUMNS: list[Column[VolunteerRow]] = [
    Column("Reference", lambda v: v.ref, sort_key="ref", width=8),
    Column("Name", lambda v: v.name, sort_key="name", width=20),
    Column(
        "DBS check",
        lambda v: dbs_text(v.dbs, v.dbs_due_on, date.today()),
        sort_key="dbs",
        tooltip=lambda v: dbs_tooltip(v.dbs_due_on, date.today()),
        width=23,
        header_tooltip="When each DBS check needs renewing; the most urgent first when sorted",
        strong=lambda v: v.active and v.dbs in _TO_CHASE,
    ),
    Column(
        "Hours since 1 April",
        lambda v: hours_text(v.hours),
        sort_key="hours",
        align=RIGHT,
        width=17,
        header_tooltip="Hours recorded this financial year, which started on 1 April",
    ),
    Column(
        "Last active",
        _last_active,
        sort_key="last_active",
        width=11,
        header_tooltip="The last session they facilitated or hours recorded for them",
    ),
    Column(
        "Training",
        lambda v: training_text(v.training, date.today()),
        sort_key="training",
        tooltip=lambda v: training_tooltip(v.training, date.today()),
        width=44,
        header_tooltip="The training course that runs out first (the latest record of each)",
        strong=lambda v: v.active and v.training.renewal in _TO_CHASE,
    ),
    Column("Status", lambda v: "Volunteering" if v.active else "Left", width=12),
]


class VolunteersScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        model: PagedTableModel[VolunteerRow] = PagedTableModel(
            VOLUNTEER_COLUMNS, self._fetch, Sort("name", descending=False)
        )
        super().__init__(
            "Volunteers",
            model,
            counted(
                "volunteer",
                "volunteers",
                "No volunteers found. Add one with “Add a volunteer…”, or clear the search.",
            ),
            parent,
        )
        self.add_button(
            "&Add a volunteer…", "Add a peer supporter", lambda: opener.open_volunteer(None)
        )
        self.add_button(
            "Record &hours…",
            "Record time the selected volunteer gave outside sessions",
            lambda: opener.record_hours(self._selected_id()),
        )
        self.offer_list_out(db)
        self.table.open_requested.connect(lambda row: opener.open_volunteer(row.id))
        self.search = self.search_box("Search volunteers", "Part of a name or reference")
        self.include_ended = QCheckBox("Include those who have &left")
        self.include_ended.toggled.connect(self.refresh)
        self.sort_by = self.sort_choice(
            "Sort volunteers by",
            "DBS check, Training, Hours and Last active put those to chase first",
        )
        self.add_filter("&Search:", self.search)
        self.add_filter("", self.include_ended)
        self.add_filter("S&ort by:", self.sort_by)
        self.refresh()

    def _selected_id(self) -> str | None:
        row = self.table.current_row()
        return row.id if isinstance(row, VolunteerRow) else None

    def current_filter(self) -> VolunteerFilter:
        sort = self.model.sort_order or Sort("name", False)
        return VolunteerFilter(
            text=self.search.text().strip(),
            include_ended=self.include_ended.isChecked(),
            sort=sort.key,  # type: ignore[arg-type]
            descending=sort.descending,
        )

    def filter_words(self) -> list[str]:
        who = "including those who have left" if self.include_ended.isChecked() else "current"
        return [who, *self.search_words()]

    def page_reader(self) -> Fetch:
        return page_reader(partial(volunteers.list_volunteer_rows, self.db, self.current_filter()))
