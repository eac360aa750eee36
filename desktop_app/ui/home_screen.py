"""Home: the organisation at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.store.database import Database
from desktop_app.ui.text_styles import heading, note


class HomeScreen(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.title = heading("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(note("Press Ctrl+L to lock PeerLog when you step away."))
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.title.setText(self.db.setting("organisation_name", "") or "")
