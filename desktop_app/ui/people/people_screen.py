"""People: everyone the group supports, found by name or reference."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.domain.listing import ArchivedFilter, PeopleFilter, PersonRow
from desktop_app.services import people
from desktop_app.store.database import Database
from desktop_app.ui.common.list_out import Fetch, page_reader
from desktop_app.ui.common.list_screen import ListScreen, counted
from desktop_app.ui.common.paged_table_model import Column, PagedTableModel, Sort
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.shell.record_opener import RecordOpener

ARCHIVED_CHOICES: list[tuple[str, ArchivedFilter]] = [
    ("Current people", "active"),
    ("Archived people", "archived"),
    ("Everyone", "all"),
]

PEOPLE_COLUMNS: list[Column[PersonRow]] = [
    Column("Reference", lambda r: r.ref, sort_key="ref", width=10),
    Column("Name", lambda r: r.known_as, sort_key="name", width=30),
    Column("Born", lambda r: str(r.year_of_birth or ""), width=5),
    Column("First contact", lambda r: short_date(r.first_contact), "first_contact", width=13),
    Column("Last came", lambda r: short_date(r.last_attended), width=11),
    Column("Consent", lambda r: "Recorded" if r.has_consent else "Not recorded", width=12),
    Column("Archived", lambda r: "Archived" if r.archived else "", width=8),
]


class PeopleScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        model: PagedTableModel[PersonRow] = PagedTableModel(
            PEOPLE_COLUMNS, self._fetch, Sort("name", descending=False)
        )
        super().__init__(
            "People",
            model,
            counted(
                "person",
                "people",
                "Nobody found. Add someone with “Add a person…”, or clear the search.",
            ),
            parent,
        )
        self.add_button(
            "&Add a person…", "Add someone the group supports", lambda: opener.open_person(None)
        )
        self.table.open_requested.connect(lambda row: opener.open_person(row.id))
        self.search = self.search_box("Search people", "Part of a name or reference")
        self.archived = QComboBox()
        self.archived.setAccessibleName("Which people")
        for label, value in ARCHIVED_CHOICES:
            self.archived.addItem(label, value)
        self.archived.currentIndexChanged.connect(self.refresh)
        self.offer_list_out(db)
        self.add_filter("&Search:", self.search)
        self.add_filter("S&how:", self.archived)
        self.refresh()

    def current_filter(self) -> PeopleFilter:
        sort = self.model.sort_order or Sort("name", False)
        return PeopleFilter(
            text=self.search.text().strip(),
            archived=self.archived.currentData(),
            sort=sort.key,  # type: ignore[arg-type]
            descending=sort.descending,
        )

    def filter_words(self) -> list[str]:
        return [self.archived.currentText().lower(), *self.search_words()]

    def page_reader(self) -> Fetch:
        return page_reader(partial(people.list_people, self.db, self.current_filter()))
