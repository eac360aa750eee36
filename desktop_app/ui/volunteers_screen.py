"""Volunteers: the peer supporters, current ones first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QWidget

from desktop_app.domain.volunteers import VolunteerSummary
from desktop_app.services import volunteers
from desktop_app.store.database import Database
from desktop_app.ui.list_screen import ListScreen, counted
from desktop_app.ui.paged_table_model import Column, PagedTableModel, Sort
from desktop_app.ui.record_opener import RecordOpener

VOLUNTEER_COLUMNS: list[Column[VolunteerSummary]] = [
    Column("Reference", lambda v: v.ref, sort_key="ref", width=10),
    Column("Name", lambda v: v.name, sort_key="name", width=30),
    Column("Status", lambda v: "Volunteering" if v.active else "Left", width=12),
]


class VolunteersScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        model: PagedTableModel[VolunteerSummary] = PagedTableModel(
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
        self.table.open_requested.connect(lambda row: opener.open_volunteer(row.id))
        self.search = self.search_box("Search volunteers", "Part of a name or reference")
        self.include_ended = QCheckBox("Include those who have &left")
        self.include_ended.toggled.connect(self.refresh)
        self.add_filter("&Search:", self.search, stretch=1)
        self.add_filter("", self.include_ended)
        self.refresh()

    def _selected_id(self) -> str | None:
        row = self.table.current_row()
        return row.id if isinstance(row, VolunteerSummary) else None

    def _fetch(
        self, offset: int, limit: int, sort: Sort | None
    ) -> tuple[Sequence[VolunteerSummary], int]:
        """All volunteers come at once (an organisation has tens, not thousands)."""
        found = volunteers.list_volunteers(
            self.db, self.search.text().strip(), self.include_ended.isChecked()
        )
        key = sort.key if sort else "name"
        found.sort(key=lambda v: (v.ref if key == "ref" else v.name).casefold())
        if sort and sort.descending:
            found.reverse()
        return found[offset : offset + limit], len(found)
