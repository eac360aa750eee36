"""The dialog that shows a crash report (see crash.py): calm words and the report to copy."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.common.screen_fit import FittedDialog


class CrashDialog(FittedDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("PeerLog met a problem")
        self.report = report
        intro = QLabel(
            "Sorry: PeerLog met a problem it did not expect.\n\n"
            "Everything you saved before this is safe in the database. If this keeps happening, "
            "copy the report below and send it to whoever looks after PeerLog for you. "
            "It contains no names, notes or passphrases."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Problem report")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.setAccessibleName("Copy the problem report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 24)

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
