"""The last step of setting up: the recovery code, shown once, to write down, print or save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.text_styles import note, scaled_font
from desktop_app.ui.start.recovery_code_sheet import print_sheet, save_sheet_as_pdf, sheet_document

CONFIRMED = "recovery_code_kept"


class RecoveryCodePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your recovery code")
        self.setSubTitle(
            "If the passphrase is ever forgotten, this code is the only way back in. "
            "It is shown only this once."
        )
        self._sheet: QTextDocument | None = None
        self._folder: Path | None = None
        self.code = QLabel()
        self.code.setFont(
            scaled_font(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont), 1.8, True)
        )
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code.setAccessibleName("Recovery code")
        print_button = QPushButton("&Print…")
        print_button.setAccessibleName("Print the recovery code")
        print_button.clicked.connect(self.print_code)
        pdf_button = QPushButton("Save as P&DF…")
        pdf_button.setAccessibleName("Save the recovery code as a PDF")
        pdf_button.clicked.connect(self.save_pdf)
        self.kept = QCheckBox(
            "&I have written down or printed the recovery code and put it somewhere safe"
        )
        self.kept.setAccessibleName("I have kept the recovery code")
        self.registerField(f"{CONFIRMED}*", self.kept)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(print_button)
        buttons.addWidget(pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Write it down, or print it, and keep it somewhere safe and private, away from "
                "this laptop. Anyone with both the code and the database can read every record. "
                "If you save it as a PDF, put the file on a memory stick kept somewhere safe, "
                "not on this laptop."
            )
        )
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.code)
        layout.addSpacing(self.fontMetrics().height())
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.kept)

    def initializePage(self) -> None:
        created = getattr(self.wizard(), "created", None)
        assert isinstance(created, CreatedDatabase)
        db = created.database
        self._folder = db.folder
        self.code.setText(created.recovery_code)
        organisation = db.setting("organisation_name", "") or ""
        self._sheet = sheet_document(organisation, db.folder.name, created.recovery_code)

    def cleanupPage(self) -> None:
        self.code.clear()

    @Slot()
    def print_code(self) -> None:
        if self._sheet is not None:
            print_sheet(self, self._sheet)

    @Slot()
    def save_pdf(self) -> None:
        if self._sheet is None or self._folder is None:
            return
        suggested = Path.home() / f"{self._folder.stem} recovery code.pdf"
        path = file_dialogs.choose_save_file(
            self, "Save the recovery code as a PDF", suggested, "PDF files (*.pdf)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if not save_sheet_as_pdf(self._sheet, path):
            messages.show_error(
                self, "Could not save", f"PeerLog could not write {path}. Try another folder."
            )
            return
        messages.inform(
            self,
            "Saved",
            f"The recovery code was saved to {path}. Move it to a memory stick or print it, "
            "then delete it from this laptop.",
        )
