"""Referrals: the inbox. Those still waiting for a response come first, the longest waiting at
the top, with how long each has waited in working days (bank holidays of England and Wales are
not working days); overdue ones are in bold. Enter opens one; Ctrl+M moves the selected one on a
step; a feedback note goes back to the referrer only with the person's agreement."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QWidget

from desktop_app.domain.referrals.pipeline import ReferralRow
from desktop_app.services.referrals import records as referrals
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.list_out import Fetch, page_reader
from desktop_app.ui.common.list_screen import ListScreen, counted
from desktop_app.ui.common.paged_table_model import Column, PagedTableModel
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.referrals.feedback_dialog import open_feedback
from desktop_app.ui.referrals.referral_dialog import NEXT_STEP_KEY
from desktop_app.ui.referrals.referral_text import (
    referred_by,
    referred_by_tooltip,
    stage_text,
    waited_cell,
    waited_text,
)
from desktop_app.ui.shell.record_opener import RecordOpener


def _columns(overdue_after: int) -> list[Column[ReferralRow]]:
    def overdue(row: ReferralRow) -> bool:
        return row.progress.overdue(date.today(), overdue_after)

    return [
        Column("Received", lambda r: short_date(r.progress.referral.received_on), width=11),
        Column("Person", lambda r: f"{r.person_name} ({r.person_ref})", width=17),
        Column(
            "Referred by",
            lambda r: referred_by(r.progress),
            tooltip=lambda r: referred_by_tooltip(r.progress),
            width=24,
        ),
        Column("Stage", lambda r: stage_text(r.progress), width=18),
        Column(
            "Days waited",
            lambda r: waited_cell(r.progress, date.today(), overdue(r)),
            tooltip=lambda r: waited_text(r.progress, date.today()),
            width=19,
            header_tooltip="Working days (bank holidays left out) from receiving it to the first "
            "response, or to today while it waits",
            strong=overdue,
        ),
    ]


class ReferralsScreen(ListScreen):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        self.db = db
        self.opener = opener
        self.overdue_after = referrals.overdue_working_days(db)
        model: PagedTableModel[ReferralRow] = PagedTableModel(
            _columns(self.overdue_after), self._fetch, None
        )
        super().__init__(
            "Referrals",
            model,
            counted(
                "referral",
                "referrals",
                "No open referrals. Record one with “Add a referral…”.",
            ),
            parent,
        )
        self.add_button(
            "&Add a referral…", "Record a referral received", lambda: opener.open_referral(None)
        )
        self.add_button(
            f"Move &on ({NEXT_STEP_KEY})",
            "Record the next step for the selected referral as done today",
            self.move_on,
        )
        self.add_button(
            "Write feed&back…",
            "A note back to the referrer about the selected referral (with their agreement)",
            self.write_feedback,
        )
        self.offer_list_out(db)
        QShortcut(QKeySequence(NEXT_STEP_KEY), self).activated.connect(self.move_on)
        self.table.open_requested.connect(
            lambda row: opener.open_referral(row.progress.referral.id)
        )
        self.include_closed = QCheckBox("Show &closed referrals too")
        self.include_closed.toggled.connect(self.refresh)
        self.add_filter("", self.include_closed)
        self.overdue_note = note("")
        self.filters.addWidget(self.overdue_note)
        self.records_changed()

    def _selected(self) -> ReferralRow | None:
        """The selected referral; None (after saying so) when there is none."""
        row = self.table.current_row()
        if isinstance(row, ReferralRow):
            return row
        messages.inform(self, "Choose a referral", "Select a referral in the list first.")
        return None

    def filter_words(self) -> list[str]:
        closed = self.include_closed.isChecked()
        return ["closed referrals too" if closed else "open referrals only"]

    def page_reader(self) -> Fetch:
        db, open_only = self.db, not self.include_closed.isChecked()
        return page_reader(lambda page: referrals.list_referrals(db, open_only, page=page))

    @Slot()
    def move_on(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            referrals.move_on(self.db, row.progress.referral.id)
        except ValidationFailed as failed:
            messages.inform(self, "No next step to record", failed.problems[0].message)
            return
        except StoreError as error:
            messages.show_error(self, "The referral was not changed", str(error))
            return
        self._changed(row.progress.referral.id)

    @Slot()
    def write_feedback(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = open_feedback(self.db, row.progress.referral.id, self)
        if dialog is None:
            return
        dialog.saved.connect(lambda _id: self._changed(row.progress.referral.id))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _changed(self, referral_id: str) -> None:
        """Refresh every screen, and keep the same referral selected."""
        changed = getattr(self.opener, "records_changed", None)
        if callable(changed):
            changed()
        else:
            self.refresh()
        for number, row in enumerate(self.model.rows):
            if row.progress.referral.id == referral_id:
                self.table.selectRow(number)
                break

    def records_changed(self) -> None:
        self.overdue_after = referrals.overdue_working_days(self.db)
        self.model.columns = _columns(self.overdue_after)
        self.overdue_note.setText(
            f"Overdue after {self.overdue_after} working days without a response (set in Settings)."
        )
        self.refresh()
