"""Export all records: the screen says the file is personal data, the user confirms, and the
export runs off the GUI thread with a progress bar and Cancel. Closing it while it works
cancels: no file is left behind.

Open it from a menu with `ExportAllDialog(db, parent).exec()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import allowed
from desktop_app.services.importing.export_all import ExportFormat, export_all
from desktop_app.store.database import Database
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.worker import Report, run_task
from desktop_app.ui.importing.progress import StageProgress, TaskDialog, reporting

WARNING = (
    "This writes every record in PeerLog (names, dates of birth, ethnicity, disability, "
    "consent, attendance, volunteers' details) to a file that is NOT encrypted. It is personal "
    "data, and its name will say so. Use it to move to another system or to keep an archive: "
    "store it encrypted or locked away, never email it, and delete it when you no longer need it."
)
FORMATS: dict[str, ExportFormat] = {
    "Excel workbook (.xlsx)": "xlsx",
    "Folder of CSV files": "csv",
}


class ExportAllDialog(TaskDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.folder: Path | None = None
        self.allowed = allowed(db, Permission.EXPORT_ALL)
        self.setWindowTitle("Export all records (personal data)")
        warning = QLabel(WARNING)
        warning.setWordWrap(True)
        self.format_box = QComboBox()
        self.format_box.addItems(list(FORMATS))
        self.folder_button = QPushButton("&Choose the folder…")
        self.folder_button.clicked.connect(self._ask_for_folder)
        self.folder_label = QLabel("No folder chosen yet.")
        self.confirm_box = QCheckBox("I &understand this file holds personal data")
        self.confirm_box.toggled.connect(self._update_buttons)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.progress = StageProgress(self.result_label, self.progress_bar)
        if not self.allowed:
            self.result_label.setText(
                "Only a coordinator can export all records. Ask a coordinator to do it."
            )
        self.export_button = QPushButton("&Export")
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow(self.folder_button, self.folder_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self._update_buttons()

    def _ask_for_folder(self) -> None:
        chosen = file_dialogs.choose_folder(self, "Choose where to save the export", Path.home())
        if chosen is not None:
            self.choose_folder(chosen)

    def choose_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(
            self.allowed
            and self.folder is not None
            and self.confirm_box.isChecked()
            and not self.busy
        )

    def export(self) -> None:
        assert self.folder is not None
        db, folder = self.db, self.folder
        format = FORMATS[self.format_box.currentText()]

        def task(report: Report) -> Path:
            return export_all(db, folder, reporting(report), format=format)

        self.progress.begin("Exporting…")
        self.progress_bar.show()
        self.task = run_task(
            self,
            task,
            self._show_written,
            lambda error: self._show_result(str(error)),
            self.progress.show_step,
            lambda: self._show_result("Cancelled. No file was written."),
        )
        self._update_buttons()

    def cancel_or_close(self) -> None:
        if self.busy and self.task is not None:
            self.task.cancel()
        else:
            self.reject()

    def _show_written(self, path: Path) -> None:
        self._show_result(
            f"Every record was written to {path}. It is personal data: keep it safe and delete "
            "it when it is no longer needed."
        )

    def _show_result(self, message: str) -> None:
        self.progress_bar.hide()
        self.result_label.setText(message)
        self.cancel_button.setText("Close")
        self._update_buttons()
