"""Home's line about sharing: when this laptop last synced, each other laptop's last sync (with
a warning for one silent more than three weeks), what stopped the last quiet sync, and the
changes to check. Shown only while this laptop shares its records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.sync.report import SyncProblem, SyncStatus
from desktop_app.services import sync
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.worker import run_task
from desktop_app.ui.home.protection_panel import WARNING_STYLE
from desktop_app.ui.shell.record_opener import RecordOpener
from desktop_app.ui.sync.review_dialog import ChangesToCheckDialog
from desktop_app.ui.sync.sync_events import events, last_problem
from desktop_app.ui.sync.sync_text import silent_warning, when_text


@dataclass(frozen=True)
class SharingNow:
    status: SyncStatus | None
    problem: str  # the folder is not there, say
    to_check: int


def _label(style: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(style)
    return label


class SyncHomePanel(QWidget):
    def __init__(
        self, db: Database, opener: RecordOpener | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.now: Callable[[], datetime | None] = lambda: None  # tests look weeks ahead
        self.laptops = _label()  # one wrapped line or two: Home's list keeps its room
        self.laptops.setAccessibleName("Laptops sharing these records")
        self.warnings = _label(WARNING_STYLE)
        self.warnings.setAccessibleName("Sync warnings")
        self.check_button = action_button("Changes to chec&k…", self.review)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.laptops, 1)
        row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.warnings)
        self.reading = False
        self.shown: SharingNow | None = None
        self.setVisible(False)
        self.check_button.setVisible(False)
        events().synced.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the other laptops' state from the shared folder on a worker (a network drive
        can be slow), then show it."""
        if not self.db.is_open or sync.share_folder(self.db) is None:
            self.setVisible(False)
            return
        db, now = self.db, self.now()

        def read(_report: object) -> SharingNow:
            try:
                status, problem = sync.status(db, now=now), ""
            except SyncProblem as cannot:
                status, problem = None, str(cannot)
            return SharingNow(status, problem, len(sync.conflicts(db)))

        self.reading = True
        run_task(self, read, self.show_state, self._failed)

    def _failed(self, error: StoreError) -> None:
        self.reading = False
        self.show_state(SharingNow(None, str(error), 0))

    def show_state(self, state: SharingNow) -> None:
        self.reading = False
        self.shown = state
        synced: list[str] = []  # this laptop first
        warnings: list[str] = []
        for laptop in state.status.laptops if state.status else ():
            when = when_text(laptop.last_synced, self.now())
            if laptop.this_laptop:
                synced.insert(0, f"this laptop ({laptop.laptop_name}) {when}")
            else:
                synced.append(f"{laptop.laptop_name} {when}")
            warning = silent_warning(laptop)
            if warning:
                warnings.append(warning + ".")
        text = f"Sharing with other laptops. Last synced: {'; '.join(synced)}." if synced else ""
        if state.status is not None and len(synced) < 2:
            text += " No other laptop has synced yet."
        problem = state.problem or last_problem(self.db.folder)
        if problem:
            warnings.append(f"Not synced: {problem}")
        self.laptops.setText(text.strip())
        self.laptops.setVisible(bool(text))
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.check_button.setText(f"Changes to chec&k ({state.to_check:,})…")
        self.check_button.setVisible(state.to_check > 0)
        self.setVisible(True)

    @Slot()
    def review(self) -> None:
        dialog = ChangesToCheckDialog(self.db, self)
        opener = self.opener
        refresh = getattr(opener, "records_changed", None)
        if callable(refresh):
            dialog.decided.connect(refresh)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
