"""Trying PeerLog on the demo database: made on first use (a few seconds, with a progress bar),
then opened with its passphrase, which the start screen shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app import app_dirs
from desktop_app.services.demo.identity import DEMO_PASSPHRASE
from desktop_app.store import layout
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.worker import Report, run_task

if TYPE_CHECKING:
    from desktop_app.store.database import CreatedDatabase

DEMO_HINT = (
    "This is the demo database: every person and session in it is invented. "
    f"Its passphrase is “{DEMO_PASSPHRASE}”."
)


def demo_folder() -> Path:
    return app_dirs.demo_database_path()


def is_demo(folder: Path) -> bool:
    return folder.resolve() == demo_folder().resolve()


class DemoPanel(QWidget):
    made = Signal(object)  # the new demo, open (a Database)
    found = Signal(Path)  # the demo made earlier: unlock it with DEMO_PASSPHRASE
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton("Try the &demo")
        self.button.setAccessibleName("Open the demo database, with invented records")
        self.button.clicked.connect(self.open_demo)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Making the demo database")
        self.progress.hide()
        self.status = QLabel("Making the demo: invented people and a year of sessions…")
        self.status.setWordWrap(True)
        self.status.hide()
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(0, 0, 0, 0)
        layout_.addWidget(self.button)
        layout_.addWidget(self.status)
        layout_.addWidget(self.progress)

    @property
    def is_busy(self) -> bool:
        return self.progress.isVisible()

    @Slot()
    def open_demo(self) -> None:
        folder = demo_folder()
        if layout.looks_like_database(folder):
            self.found.emit(folder)
            return
        if self.is_busy:
            return
        self._set_busy(True)

        def make(report: Report) -> CreatedDatabase:
            from desktop_app.services.demo.builder import create_demo_database

            return create_demo_database(
                folder, "small", 1, progress=lambda done, total: report(done, total, "")
            )

        run_task(self, make, self._on_made, self._on_failed, self._on_progress)

    def _set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.status.setVisible(busy)
        self.progress.setRange(0, 0)
        self.busy_changed.emit(busy)

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_made(self, created: CreatedDatabase) -> None:
        self._set_busy(False)
        self.made.emit(created.database)

    def _on_failed(self, error: StoreError) -> None:
        self._set_busy(False)
        messages.show_error(self, "Could not make the demo", str(error))
