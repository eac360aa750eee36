"""Unlocking from the start screen: wrong then right passphrase, the growing pause, recovery."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.databases import open_database
from desktop_app.store.database import CreatedDatabase
from desktop_app.store.errors import WrongSecret
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.recovery_dialog import RecoveryDialog
from desktop_app.ui.start.unlock_panel import retry_delay
from tests.conftest import PASSPHRASE
from tests.ui.conftest import UNLOCK_TIMEOUT_MS, FileDialogAnswers, unlock


@pytest.fixture
def closed_db(created: CreatedDatabase) -> Path:
    """A database on disk, closed, as the app finds it at start."""
    created.database.close()
    return created.database.folder


def type_and_enter(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    field = window.start.unlock_panel.passphrase
    field.selectAll()
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_wrong_then_right_passphrase(qtbot: QtBot, window: MainWindow, closed_db: Path) -> None:
    window.open_folder(closed_db)
    panel = window.start.unlock_panel
    assert panel.title.text() == "Test"

    type_and_enter(qtbot, window, "not the passphrase")
    qtbot.waitUntil(lambda: panel.failures == 1, timeout=UNLOCK_TIMEOUT_MS)
    assert window.db is None
    assert panel.message.text() == str(WrongSecret())
    assert not panel.unlock_button.isEnabled()
    assert panel.unlock_button.text() == "Wait 1 second"
    assert panel.passphrase.isEnabled(), "the window stays usable during the pause"

    type_and_enter(qtbot, window, PASSPHRASE)  # pressed during the pause: ignored
    assert panel.failures == 1 and not panel.is_busy

    qtbot.waitUntil(panel.unlock_button.isEnabled, timeout=5_000)
    type_and_enter(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.db is not None, timeout=UNLOCK_TIMEOUT_MS)
    assert window.stack.currentWidget() is window.workspace
    assert panel.failures == 0
    assert panel.passphrase.text() == ""


def test_pause_grows_with_each_wrong_passphrase() -> None:
    delays = [retry_delay(n) for n in range(10)]
    assert delays[0] == 0
    assert delays[1:4] == [1, 2, 4]
    assert delays == sorted(delays)
    assert max(delays) == 30


def test_empty_passphrase_is_explained_without_a_pause(
    qtbot: QtBot, window: MainWindow, closed_db: Path
) -> None:
    window.open_folder(closed_db)
    panel = window.start.unlock_panel
    qtbot.keyClick(panel.passphrase, Qt.Key.Key_Return)
    assert "Type the passphrase" in panel.message.text()
    assert panel.unlock_button.isEnabled()


def test_recovery_code_sets_a_new_passphrase(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    folder = created.database.folder
    window.open_folder(folder)
    qtbot.mouseClick(window.start.unlock_panel.recovery_link, Qt.MouseButton.LeftButton)
    dialog = window.start.findChild(RecoveryDialog)
    assert dialog is not None

    new = "a brand new passphrase"
    qtbot.keyClicks(dialog.code, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")
    qtbot.keyClicks(dialog.passphrase.first, new)
    qtbot.keyClicks(dialog.passphrase.second, new)
    qtbot.keyClick(dialog.passphrase.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.code_error.problem), timeout=UNLOCK_TIMEOUT_MS)
    assert "not right" in dialog.code_error.text()
    assert window.db is None

    dialog.code.clear()
    qtbot.keyClicks(dialog.code, created.recovery_code.lower().replace("-", " "))
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.db is not None, timeout=UNLOCK_TIMEOUT_MS)
    window.lock()
    open_database(folder, new).close()
    with pytest.raises(WrongSecret):
        open_database(folder, PASSPHRASE)


def test_open_another_database_then_unlock(
    qtbot: QtBot, window: MainWindow, closed_db: Path, file_answers: FileDialogAnswers
) -> None:
    file_answers.answers.append(closed_db.parent)  # not a database: refused
    qtbot.mouseClick(window.start.open_other_button, Qt.MouseButton.LeftButton)
    assert window.start.selected_folder is None
    file_answers.answers.append(closed_db)
    qtbot.mouseClick(window.start.open_other_button, Qt.MouseButton.LeftButton)
    assert window.start.selected_folder == closed_db.resolve()
    assert window.start.unlock_panel.passphrase.hasFocus()


def test_recent_database_is_offered_after_a_restart(
    qtbot: QtBot, window: MainWindow, closed_db: Path, visible_texts: Callable[[], str]
) -> None:
    unlock(qtbot, window, closed_db)
    window.lock()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.start.selected_folder == closed_db.resolve()
    again.show()
    assert "Kept in" in visible_texts()


def test_delete_key_removes_a_database_from_the_list(
    qtbot: QtBot, window: MainWindow, closed_db: Path
) -> None:
    unlock(qtbot, window, closed_db)
    window.lock()
    assert window.start.database_list.count() == 1
    window.start.unlock_panel.passphrase.setText("typo")
    window.start.unlock_panel.passphrase.setFocus()
    qtbot.keyClick(window.start.unlock_panel.passphrase, Qt.Key.Key_Delete)
    assert window.start.database_list.count() == 1, "Delete in the passphrase box edits it"
    assert window.start.selected_folder == closed_db.resolve()
    window.start.database_list.setFocus()
    qtbot.keyClick(window.start.database_list, Qt.Key.Key_Delete)
    assert window.start.database_list.count() == 0
    assert window.start.welcome.isVisible()
    assert closed_db.exists(), "only the list entry goes, never the database"
