"""Lock (Ctrl+L) closes the database and leaves no record text in any visible widget."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import unlock

ORGANISATION = "Test Group"  # the `created` fixture's organisation name


def test_ctrl_l_locks_and_hides_every_record(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    db_folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, db_folder)
    db = window.db
    assert db is not None
    assert ORGANISATION in visible_texts(), "the test must see the record text before locking"
    assert window.lock_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.db is None
    assert not db.is_open
    assert ORGANISATION not in visible_texts()
    assert window.stack.currentWidget() is window.start
    assert window.start.selected_folder == db_folder.resolve()
    assert QApplication.focusWidget() is window.start.unlock_panel.passphrase
    assert not window.lock_action.isEnabled()
    assert window.windowTitle() == "PeerLog"


def test_unlocking_again_after_lock(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    window.lock()
    unlock(qtbot, window, created.database.folder)
    assert window.db is not None
    assert window.db.setting("organisation_name") == ORGANISATION
