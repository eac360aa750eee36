"""Unlocking one database: the passphrase box, a busy indicator while the key is worked out, and
a calm, growing pause after each wrong passphrase.

Working out the key takes about half a second on purpose (it is what makes guessing slow), so it
runs on the task pool. The database is opened there and handed back open; the GUI thread then
gets its own connection on first use.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.store.errors import StoreError, WrongSecret
from desktop_app.ui.common.busy_bar import BusyBar
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.common.worker import run_task
from desktop_app.ui.forms.secret_field import secret_line_edit

if TYPE_CHECKING:
    from desktop_app.store.database import Database

log = logging.getLogger(__name__)

RETRY_DELAYS = (1, 2, 4, 8, 15, 30)


def preload_workspace() -> None:
    for module in (
        "shell.workspace",
        "home.home_screen",
        "sessions.sessions_screen",
        "people.people_screen",
    ):
        importlib.import_module(f"desktop_app.ui.{module}")


def log_failure(error: StoreError) -> None:
    log.warning("Loading the workspace early failed: %s", type(error).__name__)


def retry_delay(failures: int) -> int:
    """Seconds to wait after `failures` wrong passphrases in a row (0 before the first)."""
    if failures <= 0:
        return 0
    return RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1]


def link_button(text: str, accessible_name: str) -> QPushButton:
    """A flat button that reads like a link but takes keyboard focus like any button."""
    button = QPushButton(text)
    button.setFlat(True)
    button.setStyleSheet("text-align: left; text-decoration: underline;")
    button.setAccessibleName(accessible_name)
    return button


class UnlockPanel(QWidget):
    unlocked = Signal(object)  # an open Database
    recovery_requested = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.failures = 0
        self._seconds_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.title = heading("", 2)
        self.location = note("")
        self.location.setAccessibleName("Database folder")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Hint")
        self.hint.hide()
        self.passphrase = secret_line_edit("Passphrase")
        self.passphrase.returnPressed.connect(self.unlock)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.clicked.connect(self.unlock)
        self.busy = BusyBar("Unlocking, please wait")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Unlock message")
        self.message.hide()
        self.recovery_link = link_button(
            "Forgot your passphrase? Use the &recovery code", "Use the recovery code"
        )
        self.recovery_link.clicked.connect(self.recovery_requested)

        prompt = QLabel("&Passphrase:")
        prompt.setBuddy(self.passphrase)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.location)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(prompt)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.recovery_link)
        # Below the box, so the box is in the same place for the demo as for any database.
        layout.addSpacing(self.fontMetrics().lineSpacing() // 2)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        """Whenever the prompt appears, the keyboard is in the passphrase box."""
        super().showEvent(event)
        if self.passphrase.isEnabled():
            self.passphrase.setFocus()

    def set_folder(self, folder: Path, hint: str | None = None) -> None:
        """Show the unlock prompt for `folder`; a different folder starts afresh."""
        if folder != self.folder:
            self.failures = 0
            self._stop_countdown()
            self._show_message(None)
        self.folder = folder
        self.title.setText(folder.stem)
        self.title.setAccessibleName(f"Database {folder.stem}")
        self.location.setText(f"Kept in {folder.parent}")
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))
        self.passphrase.clear()

    @property
    def is_busy(self) -> bool:
        return self.busy.isVisible()

    def unlock_with(self, passphrase: str) -> None:
        """Unlock with a known passphrase (the demo's), as if the user had typed it."""
        self.passphrase.setText(passphrase)
        self.unlock()

    @Slot()
    def unlock(self) -> None:
        from desktop_app.services import databases

        if self.folder is None or self.is_busy or self._seconds_left:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._show_message("Type the passphrase for this database, then press Enter.")
            self.passphrase.setFocus()
            return
        folder = self.folder
        self._set_busy(True)
        self._show_message(None)
        run_task(
            self,
            # the main window runs the quick check once it is ready
            lambda _report: databases.open_database(folder, passphrase, quick_check=False),
            self._on_unlocked,
            self._on_refused,
        )
        # While the key is derived, load the workspace's code (screens and dialogs load when
        # first used, so that the start window opens quickly).
        run_task(self, lambda _report: preload_workspace(), lambda _result: None, log_failure)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy and not self._seconds_left)
        self.recovery_link.setEnabled(not busy)
        self.busy_changed.emit(busy)

    def _on_unlocked(self, db: Database) -> None:
        self._set_busy(False)
        self.failures = 0
        self.passphrase.clear()
        self.unlocked.emit(db)

    def _on_refused(self, error: StoreError) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if not isinstance(error, WrongSecret):
            self._show_message(str(error))
            return
        self.failures += 1
        log.info("Wrong passphrase (%d in a row)", self.failures)
        self._show_message(str(error))
        self._seconds_left = retry_delay(self.failures)
        self.unlock_button.setEnabled(False)
        self._update_wait_text()
        self._countdown.start()

    @Slot()
    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._stop_countdown()
        else:
            self._update_wait_text()

    def _stop_countdown(self) -> None:
        self._countdown.stop()
        self._seconds_left = 0
        self.unlock_button.setText("&Unlock")
        self.unlock_button.setEnabled(not self.is_busy)

    def _update_wait_text(self) -> None:
        seconds = self._seconds_left
        self.unlock_button.setText(f"Wait {seconds} second{'s' if seconds != 1 else ''}")

    def _show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))
