"""Forgot the passphrase: type the recovery code, choose a new passphrase, and carry on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import databases
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError, WrongRecoveryCode
from desktop_app.ui.common.busy_bar import BusyBar
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.common.worker import run_task
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.forms.secret_field import secret_line_edit
from desktop_app.ui.start.passphrase_fields import NewPassphraseFields


class RecoveryDialog(FittedDialog):
    """Accepted once the new passphrase is set; `database` is then open and the caller's."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.database: Database | None = None
        self.setWindowTitle("Use the recovery code")
        # As secret as the passphrase it replaces: what is typed is never shown.
        self.code = secret_line_edit("Recovery code", "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code_error = FieldError("the recovery code")
        self.passphrase = NewPassphraseFields()
        self.busy = BusyBar("Setting the new passphrase, please wait")
        self.problem = FieldError("setting the passphrase")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            "&Set passphrase and unlock", QDialogButtonBox.ButtonRole.AcceptRole
        )
        # No setDefault() here: the button box makes its accept button the default when shown
        # (setting it beforehand makes Qt 6.12 pick Cancel instead).
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        code_form = QFormLayout()
        code_form.addRow("Recovery &code:", self.code)
        code_form.addRow("", self.code_error)
        layout = self.main_layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Set a new passphrase for {folder.stem}", 2))
        layout.addWidget(
            note(
                "The recovery code was shown when this database was set up: six groups of four "
                "letters and numbers, printed or written down. With it you can choose a new "
                "passphrase; the old one will stop working."
            )
        )
        layout.addLayout(code_form)
        layout.addWidget(heading("New passphrase", 3))
        layout.addWidget(self.passphrase)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def fit_to_contents(self) -> None:
        """Grow to show every line of wrapped text (Qt does not do this for dialogs itself)."""
        width = max(self.width(), self.minimumWidth())
        self.resize(width, max(self.height(), self.main_layout.totalHeightForWidth(width)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_to_contents()

    @Slot()
    def submit(self) -> None:
        if self.busy.isVisible():
            return
        code = self.code.text().strip()
        self.code_error.show_problem(
            None if code else "Type the recovery code from the printed or written copy."
        )
        new = self.passphrase.validate()
        if not code:
            self.code.setFocus()
        if not code or new is None:
            self.fit_to_contents()
            return
        self._set_busy(True)
        folder = self.folder
        run_task(
            self,
            lambda _report: databases.reset_passphrase_with_recovery_code(folder, code, new),
            self._on_done,
            self._on_refused,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        self.code.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.problem.show_problem(None)

    def _on_done(self, db: Database) -> None:
        self._set_busy(False)
        self.database = db
        self.passphrase.clear()
        self.accept()

    def _on_refused(self, error: StoreError) -> None:
        self._set_busy(False)
        if isinstance(error, WrongRecoveryCode):
            self.code_error.show_problem(str(error))
            self.code.setFocus()
            self.code.selectAll()
        else:
            self.problem.show_problem(str(error))
        self.fit_to_contents()

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
