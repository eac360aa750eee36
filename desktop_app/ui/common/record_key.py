"""The id of the saved record a form is correcting, kept among the form's fields so that a
draft of the form (when PeerLog locks) comes back correcting the same record, never as a new
one. Never shown; empty for a new record."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

ACCESSIBLE_NAME = "Record being corrected"


class RecordKey(QLineEdit):
    def __init__(self, record_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(record_id or "", parent)
        self.setAccessibleName(ACCESSIBLE_NAME)
        self.setReadOnly(True)
        self.hide()

    def record_id(self) -> str | None:
        return self.text() or None
