"""Setting up a new database: organisation name, where to keep it, a passphrase, then the
recovery code (on its own page, `recovery_code_page.py`).

The database is created when the passphrase page is left, on the task pool (working out the key
takes a moment). From then on there is no way back: the wizard only finishes once the user has
confirmed they kept the recovery code.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app import app_dirs
from desktop_app.services import databases
from desktop_app.store import layout
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.busy_bar import BusyBar
from desktop_app.ui.common.field_error import FieldError
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.common.worker import run_task
from desktop_app.ui.start.passphrase_fields import NewPassphraseFields
from desktop_app.ui.start.recovery_code_page import RecoveryCodePage

ORGANISATION = "organisation"
PARENT_FOLDER = "parent_folder"


def folder_name_for(organisation: str) -> str:
    """A safe folder name from an organisation name: "St Mary's Group" -> "St Marys Group"."""
    cleaned = re.sub(r"[^\w \-]", "", organisation, flags=re.UNICODE)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned[:60] or "PeerLog"


def new_database_folder(parent: Path, organisation: str) -> Path:
    """`parent/Name.peerlog`, numbered ("Name 2.peerlog") if that is already taken."""
    base = folder_name_for(organisation)
    candidate = parent / f"{base}{layout.FOLDER_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = parent / f"{base} {number}{layout.FOLDER_SUFFIX}"
        number += 1
    return candidate


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your organisation")
        self.setSubTitle(
            "PeerLog keeps your organisation's records in one encrypted database on this "
            "computer. Setting it up takes about a minute."
        )
        self.name = QLineEdit()
        self.name.setAccessibleName("Organisation name")
        self.name.setPlaceholderText("For example: Riverside Peer Support")
        form = QFormLayout(self)
        form.addRow("&Organisation name:", self.name)
        form.addRow("", note("As it should appear on returns for funders."))
        self.registerField(f"{ORGANISATION}*", self.name)


class LocationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Where to keep it")
        self.setSubTitle(
            "Choose a folder on this computer that is included in your backups. The database "
            "is one folder ending in .peerlog; to move it, move the whole folder."
        )
        self.parent_folder = QLineEdit()
        self.parent_folder.setAccessibleName("Folder to keep the database in")
        choose = QPushButton("C&hoose…")
        choose.setAccessibleName("Choose a folder")
        choose.clicked.connect(self.choose_folder)
        self.target_label = note("")
        self.target_label.setAccessibleName("The database will be created as")
        self.error = FieldError("the folder")
        row = QHBoxLayout()
        row.addWidget(self.parent_folder, 1)
        row.addWidget(choose)
        label = QLabel("&Folder:")
        label.setBuddy(self.parent_folder)
        form = QFormLayout(self)
        form.addRow(label, row)
        form.addRow("", self.target_label)
        form.addRow("", self.error)
        self.registerField(f"{PARENT_FOLDER}*", self.parent_folder)
        self.parent_folder.textChanged.connect(self._show_target)

    def cleanupPage(self) -> None:
        """Going Back keeps the folder chosen (Qt would empty it)."""

    def initializePage(self) -> None:
        if not self.parent_folder.text():
            self.parent_folder.setText(str(app_dirs.default_database_dir()))
        self._show_target()

    def target(self) -> Path:
        organisation = str(self.field(ORGANISATION))
        return new_database_folder(Path(self.parent_folder.text().strip()), organisation)

    @Slot()
    def _show_target(self) -> None:
        self.error.show_problem(None)
        if self.parent_folder.text().strip():
            self.target_label.setText(f"The database will be created as {self.target()}")

    @Slot()
    def choose_folder(self) -> None:
        start = Path(self.parent_folder.text() or app_dirs.default_database_dir())
        chosen = file_dialogs.choose_folder(self, "Choose where to keep the database", start)
        if chosen is not None:
            self.parent_folder.setText(str(chosen))

    def validatePage(self) -> bool:
        text = self.parent_folder.text().strip()
        if not Path(text).is_absolute():
            self.error.show_problem("Give the full path of a folder, or use Choose… to pick one.")
            return False
        existing = Path(text)
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            self.error.show_problem(f"{existing} is a file, not a folder. Choose a folder.")
            return False
        return True


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose a passphrase")
        self.setSubTitle(
            "You will type it each time you open PeerLog. Everyone who uses this database "
            "on this laptop shares it for now."
        )
        self.fields = NewPassphraseFields()
        self.busy = BusyBar("Creating the database, please wait")
        self.problem = FieldError("creating the database")
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create the database")

    def wizard_(self) -> FirstRunWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard

    def isComplete(self) -> bool:
        return not self.busy.isVisible()

    def validatePage(self) -> bool:
        wizard = self.wizard_()
        if wizard.created is not None:
            return True
        if self.busy.isVisible():
            return False
        passphrase = self.fields.validate()
        if passphrase is None:
            return False
        target = wizard.location.target()
        organisation = str(self.field(ORGANISATION))
        self._set_busy(True)
        run_task(
            self,
            lambda _report: databases.create_database(target, organisation, passphrase),
            self._on_created,
            self._on_refused,
        )
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.fields.setEnabled(not busy)
        self.problem.show_problem(None)
        self.completeChanged.emit()

    def _on_created(self, created: CreatedDatabase) -> None:
        self._set_busy(False)
        self.fields.clear()
        wizard = self.wizard_()
        wizard.created = created
        wizard.next()

    def _on_refused(self, error: StoreError) -> None:
        self._set_busy(False)
        self.problem.show_problem(str(error))


class FirstRunWizard(QWizard):
    """Accepted once the database exists and the recovery code is kept: see `database`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.created: CreatedDatabase | None = None
        self.setWindowTitle("Set up a new PeerLog database")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.organisation = OrganisationPage()
        self.location = LocationPage()
        self.passphrase = PassphrasePage()
        self.recovery = RecoveryCodePage()
        for page in (self.organisation, self.location, self.passphrase, self.recovery):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Start using PeerLog")
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.lineSpacing() * 30)
        self.currentIdChanged.connect(self._on_page_changed)

    @Slot(int)
    def _on_page_changed(self, _page_id: int) -> None:
        # Once the database exists there is no cancelling: only finishing, code kept.
        self.setOption(QWizard.WizardOption.NoCancelButton, self.created is not None)

    @property
    def database(self) -> Database | None:
        return self.created.database if self.created else None

    def showEvent(self, event: QShowEvent) -> None:
        from desktop_app.ui.common.form_state import has_opening_state, remember_opening_state

        if not has_opening_state(self):
            remember_opening_state(self)
        super().showEvent(event)

    def reject(self) -> None:
        from desktop_app.ui.common.unsaved import may_discard

        if self.passphrase.busy.isVisible():
            return
        if self.created is not None:
            messages.inform(
                self,
                "Keep the recovery code first",
                "The database has been created. Before carrying on, write down or print the "
                "recovery code and tick the box to say you have kept it.",
            )
            return
        if may_discard(self, "Stop setting up the database?"):
            super().reject()
