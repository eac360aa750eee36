"""A message shown right next to the field it is about, hidden while there is nothing to say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #a4000f;"  # dark red, readable on light and dark grey backgrounds


class FieldError(QLabel):
    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(f"Problem with {about}")
        self.problem = ""
        self.hide()

    def show_problem(self, problem: str | None) -> None:
        """Show `problem`, or hide the label when it is None or empty."""
        self.problem = problem or ""
        self.setText(self.problem)
        self.setAccessibleDescription(problem or "")
        self.setVisible(bool(problem))
