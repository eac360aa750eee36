"""Sessions: every session logged, filtered by dates, kind, venue and words, newest first."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.domain.listing import SessionFilter, SessionRow
from desktop_app.domain.vocabularies import DELIVERY_MODE, SESSION_KIND
from desktop_app.services import sessions
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.latest_reads import LatestReads
from desktop_app.ui.common.list_out import Fetch, page_reader
from desktop_app.ui.common.list_screen import ListScreen, counted
from desktop_app.ui.common.paged_table_model import RIGHT, Column, PagedTableModel, Sort
from desktop_app.ui.common.value_text import clock_time, short_date
from desktop_app.ui.forms.date_fields import OptionalDateBox
from desktop_app.ui.forms.vocabulary_combo import VocabularyCombo
from desktop_app.ui.shell.record_opener import RecordOpener

log = logging.getLogger(__name__)


def _came(row: SessionRow) -> str:
    without = f", {row.anonymous_headcount} without a record" if row.anonymous_headcount else ""
    return f"{row.registered} registered{without}"


SESSION_COLUMNS: list[Column[SessionRow]] = [
    Column("Date", lambda r: short_date(r.held_on), sort_key="date", width=11),
    Column("Time", lambda r: clock_time(r.starts_at), width=5),
    Column("Kind", lambda r: SESSION_KIND.label(r.kind), sort_key="kind", width=22),
    Column("Held", lambda r: DELIVERY_MODE.label(r.mode), width=9),
    Column("Venue", lambda r: r.venue, sort_key="venue", width=30),
    Column("Length", lambda r: f"{r.minutes} min", align=RIGHT, width=7),
    Column("Came", lambda r: str(r.attendance), "attendance", RIGHT, _came, width=5),
    Column("Facilitators", lambda r: r.facilitators, width=32),
]


class SessionsScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        self.opener = opener
        model: PagedTableModel[SessionRow] = PagedTableModel(
            SESSION_COLUMNS, self._fetch, Sort("date", descending=True)
        )
        super().__init__(
            "Sessions",
            model,
            counted(
                "session",
                "sessions",
                "No sessions found. Log one with Ctrl+N, or clear the search and filters.",
            ),
            parent,
        )
        self.add_button(
            "&Log a session… (Ctrl+N)",
            "Log a session (Ctrl+N, from anywhere)",
            lambda: opener.open_session(None),
        )
        self.add_button(
            "&Print a register…",
            "A sign-in sheet for a group's next session, with its regulars to tick",
            self.print_register,
        )
        self.offer_list_out(db)
        self.table.open_requested.connect(lambda row: opener.open_session(row.id))
        self.start = OptionalDateBox("Sessions from", empty_text="Any date")
        self.end = OptionalDateBox("Sessions up to", empty_text="Any date")
        self.kind = VocabularyCombo(SESSION_KIND, "Kind of session", any_label="Any kind")
        self.venue = QComboBox()
        self.venue.setAccessibleName("Venue")
        self.venue.addItem("Any venue", None)  # the rest once counted (see _fill_venues)
        # Wide enough for the venues once they arrive, not just for "Any venue".
        self.venue.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._venue_reads = LatestReads(self)
        self.search = self.search_box("Search sessions", "Words in the venue, topics or notes")
        self.add_filter("Fro&m:", self.start)
        self.add_filter("&To:", self.end)
        self.add_filter("&Kind:", self.kind)
        self.add_filter("&Venue:", self.venue)
        self.add_filter("&Search:", self.search)
        # After the first rows are painted: counting the venues competes with them otherwise.
        QTimer.singleShot(0, self, self._fill_venues)
        for box in (self.start, self.end):
            box.dateChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.venue.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def print_register(self) -> None:
        from desktop_app.ui.sessions.register_dialog import RegisterDialog

        dialog = RegisterDialog(self.db, self.opener, self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _fill_venues(self) -> None:
        """The venue filter's choices, worked out in the background: counting a busy hub's
        venues reads every session (about 30 ms on ten years)."""
        db = self.db
        self._venue_reads.forget()  # the records changed: a count on its way is out of date
        self._venue_reads.start(
            "venues", lambda: sessions.venues(db), self._set_venues, self._venues_failed
        )

    def _set_venues(self, venues: list[str]) -> None:
        chosen = self.venue.currentData()
        self.venue.blockSignals(True)
        self.venue.clear()
        self.venue.addItem("Any venue", None)
        for venue in venues:
            self.venue.addItem(venue, venue)
        self.venue.setCurrentIndex(max(self.venue.findData(chosen), 0))
        self.venue.blockSignals(False)
        if self.venue.currentData() != chosen:  # that venue has no sessions any more
            self.refresh()

    def _venues_failed(self, error: StoreError) -> None:
        log.warning("Could not list venues: %s", type(error).__name__)  # the filter offers "Any"

    def current_filter(self) -> SessionFilter:
        sort = self.model.sort_order or Sort("date", True)
        return SessionFilter(
            start=self.start.value(),
            end=self.end.value(),
            kind=self.kind.code(),
            venue=self.venue.currentData(),
            text=self.search.text().strip(),
            sort=sort.key,  # type: ignore[arg-type]
            descending=sort.descending,
        )

    def filter_words(self) -> list[str]:
        start, end = self.start.value(), self.end.value()
        words = [f"from {short_date(start)}"] if start else []
        words += [f"up to {short_date(end)}"] if end else []
        words += [self.kind.currentText()] if self.kind.code() else []
        words += [f"at {self.venue.currentText()}"] if self.venue.currentData() else []
        return words + self.search_words()

    def page_reader(self) -> Fetch:
        return page_reader(partial(sessions.list_sessions, self.db, self.current_filter()))

    def records_changed(self) -> None:
        self._fill_venues()
        self.refresh()
