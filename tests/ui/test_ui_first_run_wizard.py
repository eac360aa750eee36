"""The first-run wizard creates a real encrypted database and shows its recovery code once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from desktop_app import app_dirs
from desktop_app.services.databases import open_database, open_with_recovery_code
from desktop_app.store.protection.recovery_code import normalise_recovery_code
from desktop_app.ui.common import messages
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.first_run_wizard import (
    FirstRunWizard,
    folder_name_for,
    new_database_folder,
)
from desktop_app.ui.start.recent_databases import recent_databases
from tests.conftest import file_mode
from tests.ui.conftest import UNLOCK_TIMEOUT_MS, FileDialogAnswers
from tests.ui.widget_checks import mnemonic_clashes

NEW_PASSPHRASE = "kettle orange bicycle"


def open_wizard(qtbot: QtBot, window: MainWindow) -> FirstRunWizard:
    qtbot.mouseClick(window.start.create_button, Qt.MouseButton.LeftButton)
    wizards = window.start.findChildren(FirstRunWizard)
    assert len(wizards) == 1
    qtbot.waitExposed(wizards[0])
    return wizards[0]


def fill_until_created(qtbot: QtBot, wizard: FirstRunWizard, organisation: str) -> None:
    """Organisation, folder (the default) and passphrase, all from the keyboard."""
    assert mnemonic_clashes(wizard) == {}
    qtbot.keyClicks(wizard.organisation.name, organisation)
    qtbot.keyClick(wizard.organisation.name, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.location
    assert mnemonic_clashes(wizard) == {}
    qtbot.keyClick(wizard.location.parent_folder, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.passphrase
    assert mnemonic_clashes(wizard) == {}
    qtbot.keyClicks(wizard.passphrase.fields.first, NEW_PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase.fields.second, NEW_PASSPHRASE)
    qtbot.keyClick(wizard.passphrase.fields.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery, timeout=UNLOCK_TIMEOUT_MS)
    assert mnemonic_clashes(wizard) == {}


def test_wizard_creates_a_database_and_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    assert window.start.welcome.isVisible() and not window.start.unlock_panel.isVisible()
    wizard = open_wizard(qtbot, window)
    fill_until_created(qtbot, wizard, "Riverside Peer Support")

    expected = app_dirs.default_database_dir() / "Riverside Peer Support.peerlog"
    assert (expected / "peerlog.db").exists()
    code = wizard.recovery.code.text()
    assert normalise_recovery_code(code) == code
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "finishing must wait for the recovery code to be kept"

    qtbot.keyClick(wizard.recovery.kept, Qt.Key.Key_Space)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.db is not None)
    assert window.db is not None
    assert window.db.folder == expected
    assert window.db.setting("organisation_name") == "Riverside Peer Support"
    assert window.windowTitle().startswith("Riverside Peer Support")
    assert recent_databases() == [expected.resolve()]

    window.lock()
    open_database(expected, NEW_PASSPHRASE).close()
    open_with_recovery_code(expected, code).close()


def test_short_or_mismatched_passphrase_is_explained_beside_the_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.organisation.name, "Short Test")
    qtbot.keyClick(wizard.organisation.name, Qt.Key.Key_Return)
    qtbot.keyClick(wizard.location.parent_folder, Qt.Key.Key_Return)
    fields = wizard.passphrase.fields
    qtbot.keyClicks(fields.first, "short")
    qtbot.keyClick(fields.first, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.passphrase
    assert "at least 10 characters" in fields.first_error.text()
    assert fields.strength.text() == "Strength: Too short"

    qtbot.keyClicks(fields.first, " enough now")
    qtbot.keyClicks(fields.second, "something else")
    qtbot.keyClick(fields.second, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.passphrase
    assert fields.first_error.isHidden()
    assert "different" in fields.second_error.text()
    assert not (app_dirs.default_database_dir() / "Short Test.peerlog").exists()
    wizard.reject()


def test_wizard_will_not_close_before_the_code_is_kept(
    qtbot: QtBot, window: MainWindow, shown_messages: list[messages.Shown]
) -> None:
    wizard = open_wizard(qtbot, window)
    fill_until_created(qtbot, wizard, "Keep The Code")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert shown_messages[-1].title == "Keep the recovery code first"
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.recovery.kept.setChecked(True)
    wizard.accept()
    qtbot.waitUntil(lambda: window.db is not None)


@pytest.mark.usefixtures("permissive_umask")
def test_recovery_code_saves_as_pdf_only_its_owner_may_read(
    qtbot: QtBot, window: MainWindow, file_answers: FileDialogAnswers, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, window)
    fill_until_created(qtbot, wizard, "Pdf Group")
    target = tmp_path / "code"
    file_answers.answers.append(target)
    wizard.recovery.save_pdf()
    written = tmp_path / "code.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert written.stat().st_size > 1000
    if os.name == "posix":
        assert file_mode(written) == 0o600
    wizard.recovery.kept.setChecked(True)
    wizard.accept()


def test_folder_names_come_from_the_organisation(tmp_path: Path) -> None:
    assert folder_name_for("St Mary's Group / Tuesdays") == "St Marys Group Tuesdays"
    assert folder_name_for("???") == "PeerLog"
    (tmp_path / "Group.peerlog").mkdir()
    assert new_database_folder(tmp_path, "Group") == tmp_path / "Group 2.peerlog"
