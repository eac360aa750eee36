"""Choosing a new passphrase: typed twice, with a plain-English word on its strength as you type.

Used by the first-run wizard and by "use the recovery code". The rules themselves live in
`domain/passphrase.py`; this widget only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.protection.passphrase import passphrase_problem, passphrase_strength
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.forms.secret_field import secret_line_edit

ADVICE = (
    "Three or four ordinary words in a row, like 'kettle orange bicycle', are easy to remember "
    "and hard to guess. Anyone who knows it can read every record, so do not use one you use "
    "elsewhere."
)


class NewPassphraseFields(QWidget):
    """Two passphrase boxes; `passphrase()` is the chosen one, or None while it is not usable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = secret_line_edit("New passphrase")
        self.second = secret_line_edit("New passphrase again")
        self.strength = QLabel()
        self.strength.setAccessibleName("Passphrase strength")
        self.show_text = QCheckBox("S&how what I type")
        self.show_text.setAccessibleName("Show the passphrase while typing")
        self.first_error = FieldError("the passphrase")
        self.second_error = FieldError("the repeated passphrase")

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Passphrase:", self.first)
        form.addRow("", self.strength)
        form.addRow("", self.first_error)
        form.addRow("&Type it again:", self.second)
        form.addRow("", self.second_error)
        form.addRow("", self.show_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note(ADVICE))
        layout.addLayout(form)

        self.first.textChanged.connect(self._on_edit)
        self.second.textChanged.connect(self._on_edit)
        self.show_text.toggled.connect(self._on_show_toggled)
        self._on_edit()

    @Slot()
    def _on_edit(self) -> None:
        text = self.first.text()
        self.strength.setText(f"Strength: {passphrase_strength(text)}" if text else "")
        # Clear old complaints while the user fixes them; new ones wait for validate().
        if self.first_error.problem and not passphrase_problem(text):
            self.first_error.show_problem(None)
        if self.second_error.problem and self.second.text() == text:
            self.second_error.show_problem(None)
        self.changed.emit()

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def passphrase(self) -> str | None:
        text = self.first.text()
        if passphrase_problem(text) or self.second.text() != text:
            return None
        return text

    def validate(self) -> str | None:
        """The passphrase when usable; otherwise show what is wrong beside the fields."""
        text = self.first.text()
        problem = passphrase_problem(text)
        self.first_error.show_problem(problem)
        mismatch = None
        if not problem and self.second.text() != text:
            mismatch = "The two passphrases are different. Type the same passphrase in both boxes."
        self.second_error.show_problem(mismatch)
        if problem:
            self.first.setFocus()
        elif mismatch:
            self.second.setFocus()
        return None if problem or mismatch else text

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
