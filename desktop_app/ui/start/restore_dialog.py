"""Restore a database from a backup: first a preview (when the backup was made and how many
records it holds), then, once confirmed, the restore. The database being replaced is kept whole
beside it, so a wrong choice can be undone. Unlocking the backup takes a passphrase it knows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import long_date
from desktop_app.services import databases
from desktop_app.services.protection import auto_backup
from desktop_app.store.database import passphrase_unlocker
from desktop_app.store.errors import StoreError
from desktop_app.store.protection.backup_preview import BackupPreview
from desktop_app.ui.common import messages, worker
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.forms.secret_field import secret_line_edit


def preview_text(preview: BackupPreview) -> str:
    made = datetime.fromisoformat(preview.created_at).astimezone()
    counts = "; ".join(f"{name}: {count:,}" for name, count in preview.counts.items())
    return f"Made on {long_date(made.date())} at {made:%H:%M}. It holds {counts or 'no records'}."


class RestoreDialog(FittedDialog):
    def __init__(self, backup: Path, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backup, self.folder = backup, folder
        self.preview: BackupPreview | None = None
        self.replaced: Path | None = None
        self.setWindowTitle("Restore from a backup")
        self.passphrase = secret_line_edit("Passphrase of the backup")
        self.problem = FieldError("the passphrase")
        self.preview_button = QPushButton("&Show what is in it")
        self.preview_button.clicked.connect(self.show_preview)
        self.summary = QLabel(
            "Type a passphrase that opened the database when the backup was made."
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the backup holds")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            f"&Restore, replacing {folder.stem}", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Backup:", QLabel(backup.name))
        form.addRow("Restore into:", QLabel(str(folder)))
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("", self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Restoring replaces everything in the database with what the backup holds. The "
                "database as it is now is kept beside it, in its backups folder."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.passphrase.returnPressed.connect(self.show_preview)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.lineSpacing() * 18)

    def _busy(self, busy: bool, text: str = "") -> None:
        self.preview_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.preview is not None)
        if text:
            self.summary.setText(text)

    @Slot()
    def show_preview(self) -> None:
        self.problem.show_problem(None)
        backup, unlock = self.backup, passphrase_unlocker(self.passphrase.text())
        self._busy(True, "Opening the backup…")
        worker.run_task(
            self, lambda _report: auto_backup.preview(backup, unlock), self._previewed, self._failed
        )

    def _previewed(self, preview: BackupPreview) -> None:
        self.preview = preview
        self._busy(False, preview_text(preview))
        self.restore_button.setFocus()

    def _failed(self, error: StoreError) -> None:
        self.preview = None
        self._busy(False, "")
        self.problem.show_problem(str(error))
        self.passphrase.setFocus()

    @Slot()
    def restore(self) -> None:
        if self.preview is None or not messages.confirm(
            self,
            "Replace the database with this backup?",
            f"Everything in {self.folder.stem} is replaced by the backup. {self.summary.text()}",
            "Restore",
        ):
            return
        backup, folder = self.backup, self.folder
        unlock = passphrase_unlocker(self.passphrase.text())
        self._busy(True, "Restoring…")
        worker.run_task(
            self,
            lambda _report: databases.restore_database(backup, folder, unlock),
            self._restored,
            self._failed,
        )

    def _restored(self, replaced: Path | None) -> None:
        self.replaced = replaced
        self.passphrase.clear()
        kept = f" The database as it was is kept in {replaced}." if replaced else ""
        messages.inform(self, "Restored", f"The backup was restored.{kept} Unlock it to go on.")
        self.accept()
