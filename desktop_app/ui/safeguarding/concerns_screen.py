"""Safeguarding: the log of concerns, open ones first (the longest open at the top), then
resolved ones. A coordinator sees every concern; a peer support lead sees the ones they raised.
Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from desktop_app.domain.listing import Page
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.safeguarding import ConcernRow, about_text
from desktop_app.domain.vocabularies import CONCERN_KIND, SESSION_KIND
from desktop_app.services import safeguarding
from desktop_app.services.access import allowed
from desktop_app.store.database import Database
from desktop_app.ui.common.list_screen import ListScreen, counted
from desktop_app.ui.common.paged_table_model import Column, PagedTableModel, Sort
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.shell.record_opener import RecordOpener


def status_text(row: ConcernRow) -> str:
    resolved = row.concern.resolved_on
    return f"Resolved {short_date(resolved)}" if resolved else "Open"


def about(row: ConcernRow) -> str:
    kind = SESSION_KIND.label(row.session_kind) if row.session_kind in SESSION_KIND else ""
    return about_text(row, kind)


COLUMNS: list[Column[ConcernRow]] = [
    Column("Status", status_text, width=16, strong=lambda r: r.concern.is_open),
    Column("Kind", lambda r: CONCERN_KIND.label(r.concern.kind), width=26),
    Column("About", about, width=36),
    Column("Raised on", lambda r: short_date(r.concern.raised_on), width=11),
    Column("Passed to", lambda r: r.concern.passed_to, width=24),
]


class ConcernsScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        self.opener = opener
        model: PagedTableModel[ConcernRow] = PagedTableModel(COLUMNS, self._fetch, None)
        super().__init__(
            "Safeguarding",
            model,
            counted(
                "concern",
                "concerns",
                "No safeguarding concerns. Raise one with “Raise a concern…”, or from a session.",
            ),
            parent,
        )
        self.add_button(
            "Raise a &concern…",
            "Record a safeguarding concern about a person",
            lambda: opener.open_concern(None),
        )
        self.table.open_requested.connect(lambda row: opener.open_concern(row.concern.id))
        everyone = allowed(db, Permission.SEE_ALL_CONCERNS)
        shown = note(
            "Every concern, open ones first."
            if everyone
            else "The concerns you raised, open ones first (a coordinator sees them all)."
        )
        shown.setMinimumWidth(shown.fontMetrics().horizontalAdvance(shown.text()) + 4)
        self.filters.addWidget(shown)
        self.records_changed()

    def _fetch(
        self, offset: int, limit: int, _sort: Sort | None
    ) -> tuple[Sequence[ConcernRow], int]:
        page = safeguarding.list_concerns(self.db, page=Page(limit, offset))
        return page.rows, page.total

    def records_changed(self) -> None:
        self.refresh()
