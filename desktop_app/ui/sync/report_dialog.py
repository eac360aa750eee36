"""After Sync now: what came from which laptop, files skipped this time, changes to check, and
changes held until a coordinator confirms them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.sync.report import HeldBatch, SyncReport, SyncStatus
from desktop_app.services import access, sync
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.screen_fit import FittedDialog, scrolling
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.home.protection_panel import WARNING_STYLE
from desktop_app.ui.sync.sync_text import changes_lines, silent_warning, when_text

TITLE = "Sync finished"


def _plain(text: str) -> QLabel:
    label = note(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SyncReportDialog(FittedDialog):
    review_requested = Signal()  # "Review the changes to check…"
    sync_again = Signal()  # held removals were confirmed: the next sync applies them

    def __init__(
        self,
        db: Database,
        report: SyncReport,
        status: SyncStatus | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        body = QWidget()
        self.lines = QVBoxLayout(body)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self._received(report)
        self._checks(report)
        self._held(report.held)
        self._skipped(report.skipped)
        self._laptops(status)
        self.lines.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE))
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())

    def _say(self, text: str, style: str = "") -> QLabel:
        label = _plain(text)
        if style:
            label.setStyleSheet(style)
        self.lines.addWidget(label)
        return label

    def _received(self, report: SyncReport) -> None:
        self.lines.addWidget(heading("What came in", 2))
        for changes in report.received:
            name = changes.laptop_name or "Another laptop"
            lines = changes_lines(changes) or ["Nothing changed."]
            self._say(f"From {name}:\n" + "\n".join(f"• {line}" for line in lines))
        if not report.received:
            self._say("No records were added, changed or removed here by the other laptops.")
        sent = report.sent
        self._say(
            f"This laptop sent {sent:,} change{'s' if sent != 1 else ''} for the others."
            if sent
            else "This laptop had no new changes to send."
        )

    def _checks(self, report: SyncReport) -> None:
        count = report.new_conflicts
        if not count:
            return
        self.lines.addWidget(heading("Changes to check", 2))
        self._say(
            f"{count:,} detail{'s were' if count != 1 else ' was'} changed on two laptops since "
            "they last synced. PeerLog kept the later change; the other is kept for you to use "
            "instead if it is the right one."
        )
        self.review_button = action_button("&Review the changes to check…", self._review)
        self._row(self.review_button)

    def _held(self, held: tuple[HeldBatch, ...]) -> None:
        if not held:
            return
        self.lines.addWidget(heading("Waiting for a coordinator", 2))
        may_confirm = access.allowed(self.db, Permission.ERASE)
        self.apply_buttons = []
        for index, batch in enumerate(held):
            name = batch.laptop_name or "Another laptop"
            self._say(
                f"{name} removed {batch.removals:,} of {batch.records:,} records. So many "
                "removals wait until a coordinator confirms them, in case they were a mistake."
            )
            if may_confirm:
                text = "&Apply these removals" if index == 0 else "Apply these removals"
                button = action_button(text, self._applier(batch))
                self.apply_buttons.append(button)
                self._row(button)
        if not may_confirm:
            self._say("A coordinator can apply them after their own Sync now.")

    def _skipped(self, skipped: tuple[str, ...]) -> None:
        if not skipped:
            return
        self.lines.addWidget(heading("Not read this time", 2))
        for sentence in skipped:
            self._say(sentence)

    def _laptops(self, status: SyncStatus | None) -> None:
        if status is None:
            return
        self.lines.addWidget(heading("Laptops sharing these records", 2))
        for laptop in status.laptops:
            name = (
                f"{laptop.laptop_name} (this laptop)" if laptop.this_laptop else laptop.laptop_name
            )
            self._say(f"{name}: last synced {when_text(laptop.last_synced)}")
            warning = silent_warning(laptop)
            if warning:
                self._say(warning, WARNING_STYLE)

    def _row(self, button: QWidget) -> None:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        self.lines.addLayout(row)

    @Slot()
    def _review(self) -> None:
        self.accept()
        self.review_requested.emit()

    def _applier(self, batch: HeldBatch) -> Callable[[], None]:
        return lambda: self._apply(batch)

    def _apply(self, batch: HeldBatch) -> None:
        name = batch.laptop_name or "another laptop"
        if not messages.confirm(
            self,
            "Apply these removals?",
            f"{batch.removals:,} records removed on {name} will be removed here too, and on "
            "every laptop that syncs with this one.",
            "Apply the removals",
        ):
            return
        try:
            sync.confirm_held(self.db, batch.laptop_id, batch.sequence)
        except StoreError as error:
            messages.show_error(self, "The removals were not applied", str(error))
            return
        self.accept()
        self.sync_again.emit()
