"""Trying the demo: made on first use, opened with its passphrase, shown on the start screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services import sessions
from desktop_app.services.demo.builder import DEMO_ORGANISATION, DEMO_PASSPHRASE
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.demo_panel import demo_folder

DEMO_TIMEOUT_MS = 120_000


def test_demo_is_made_then_opened_again_with_its_passphrase(
    qtbot: QtBot, window: MainWindow, visible_texts: Callable[[], str]
) -> None:
    qtbot.mouseClick(window.start.demo.button, Qt.MouseButton.LeftButton)
    assert window.start.demo.is_busy
    assert not window.start.create_button.isEnabled()
    qtbot.waitUntil(lambda: window.db is not None, timeout=DEMO_TIMEOUT_MS)
    assert window.db is not None
    assert window.db.folder == demo_folder()
    assert window.windowTitle().startswith(DEMO_ORGANISATION)
    assert sessions.list_sessions(window.db).total > 50

    window.lock()
    assert DEMO_PASSPHRASE in visible_texts(), "the start screen shows the demo's passphrase"
    qtbot.mouseClick(window.start.demo.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.db is not None, timeout=DEMO_TIMEOUT_MS)
    assert not window.start.demo.is_busy
