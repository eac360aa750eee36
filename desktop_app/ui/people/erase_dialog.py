"""Confirming "Erase this person": says plainly what will go and what stays, and asks for the
person's reference to be typed, so that nobody erases the wrong person with one careless click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.protection import erasure
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError

EXPLANATION = (
    "This removes {name} ({ref}) and everything linked to them: their profile, consent "
    "history, attendance, outcomes and case studies. It cannot be undone.\n\n"
    "Session totals stay the same: their attendance is counted as anonymous. The audit trail "
    "records that an erasure happened, not who. Backups made before today still hold their "
    "records until they are replaced."
)


class ErasePersonDialog(QDialog):
    def __init__(
        self, db: Database, person_id: str, name: str, ref: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self.person_id, self._ref = db, person_id, ref
        self.setWindowTitle(f"Erase {name}")
        explanation = QLabel(EXPLANATION.format(name=name, ref=ref))
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.typed_ref = QLineEdit()
        self.typed_ref.setAccessibleName("Type their reference to confirm")
        self.typed_ref.setPlaceholderText(ref)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4000f;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(
            "Erase for ever", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self._erase)
        self.buttons.rejected.connect(self.reject)
        self.typed_ref.textChanged.connect(self._check_typed)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(QLabel(f"To confirm, type their reference ({ref}):"))
        layout.addWidget(self.typed_ref)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _check_typed(self, text: str) -> None:
        self.erase_button.setEnabled(text.strip().casefold() == self._ref.casefold())

    def _erase(self) -> None:
        try:
            erasure.erase_person(self._db, self.person_id)
        except StoreError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()
