"""A moving bar that says "working on it" while a background task runs; hidden otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget


class BusyBar(QProgressBar):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setAccessibleName(accessible_name)
        self.hide()
