"""Settings → Share with other laptops: the shared folder (chosen or stopped at once, as the
backup folder is) and this laptop's name (saved with the other settings).

No Alt letters here: Settings uses every free one but j, q and z. Tab reaches each button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.domain.problems import Problem
from desktop_app.domain.sync.report import SyncProblem
from desktop_app.services import sync
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.sync.sync_events import events

TITLE = "Share with other laptops"
EXPLANATION = (
    "Keep this organisation's records on several laptops. Choose a folder that every laptop "
    "can reach: a OneDrive, SharePoint, Dropbox, Google Drive or Syncthing folder, or a USB "
    "stick carried between them. Only sealed change files go there, never the database."
)
JOINING = (
    "To add a laptop: once this one shares, make a backup here (File → Back up now…); on the "
    "other laptop, choose Restore from a backup… on the start screen, then choose the same "
    "shared folder there and give that laptop its own name."
)


class SharePanel(QGroupBox):
    def __init__(self, db: Database, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.db = db
        self.errors = errors
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setAccessibleName("Shared folder")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name of this laptop")
        self.name.setMaxLength(sync.NAME_MAX)
        self.name.setPlaceholderText("e.g. Coordinator's laptop")
        self.name.setToolTip("How the other laptops name this one in their sync reports")
        self.choose_button = action_button("Choose shared folder…", self.choose_folder)
        self.stop_button = action_button(
            "Stop sharing", self.stop_sharing, "This laptop stops syncing; nothing is deleted"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(note(EXPLANATION))
        form.addRow(note(JOINING))
        add_row(form, "Shared folder:", self.folder, errors.label("share_folder", "the folder"))
        form.addRow("", buttons)
        add_row(form, "Name of this laptop:", self.name, errors.label("laptop_name", "the name"))

    def load(self) -> None:
        self.load_folder_only()
        self.name.setText(sync.laptop_name(self.db))

    def name_changed(self) -> bool:
        return " ".join(self.name.text().split()) != sync.laptop_name(self.db)

    def save_name(self) -> None:
        """Saved with Save settings; a problem goes beside the name."""
        try:
            sync.set_laptop_name(self.db, self.name.text())
        except SyncProblem as problem:
            raise ValidationFailed([Problem("laptop_name", str(problem))]) from problem

    @Slot()
    def choose_folder(self) -> None:
        start = sync.share_folder(self.db) or Path.home()
        folder = file_dialogs.choose_folder(self, "Choose the folder to share through", start)
        if folder is None:
            return
        self._set(folder)

    @Slot()
    def stop_sharing(self) -> None:
        if not messages.confirm(
            self,
            "Stop sharing?",
            "This laptop will no longer sync with the others. Its records stay here, and what "
            "is in the shared folder stays there for the other laptops.",
            "Stop sharing",
        ):
            return
        self._set(None)

    def _set(self, folder: Path | None) -> None:
        try:
            sync.set_share_folder(self.db, folder)
        except (SyncProblem, StoreError) as problem:
            self.errors.show([Problem("share_folder", str(problem))])
            return
        self.errors.clear()
        self.load_folder_only()
        events().synced.emit()  # Home shows (or hides) its line about sharing

    def load_folder_only(self) -> None:
        folder = sync.share_folder(self.db)
        self.folder.setText(str(folder) if folder else "None chosen: this laptop does not share")
        self.stop_button.setEnabled(folder is not None)
