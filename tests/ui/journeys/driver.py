"""Driving PeerLog's real main window the way a person does: keys sent to wherever the keyboard
focus is, dialogs waited for as they open and close. Shared by every journey test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.store.database import Database
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import UNLOCK_TIMEOUT_MS

D = TypeVar("D", bound=QDialog)
NO = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


class Person:
    """One person at the keyboard of `window`."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    # The keyboard ----------------------------------------------------------------------------

    def focused(self) -> QWidget:
        """Where the keyboard is (a window that has just closed gives it back within moments)."""
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2_000)
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        return target

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        """A key pressed where the keyboard focus is."""
        self.qtbot.keyClick(self.focused(), key, modifier)

    def alt(self, letter: str) -> None:
        """Alt+letter: the underlined letter of a label or button. Buttons press themselves
        after a short animation, so wait a moment before the next key."""
        self.press(Qt.Key(ord(letter.upper())), ALT)
        self.qtbot.wait(150)

    def ctrl(self, key: Qt.Key) -> None:
        self.press(key, CTRL)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def save(self) -> None:
        """Ctrl+Enter: saves any record form."""
        self.ctrl(Qt.Key.Key_Return)

    # Windows ---------------------------------------------------------------------------------

    def dialog(self, kind: type[D]) -> D:
        """The `kind` of dialog that has just opened, once it has the keyboard."""
        found: list[D] = []

        def opened() -> bool:
            found[:] = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
            ]
            return len(found) == 1 and found[0].isActiveWindow()

        self.qtbot.waitUntil(opened)
        return found[0]

    def closed(self, dialog: QDialog) -> None:
        self.qtbot.waitUntil(lambda: not dialog.isVisible())

    def wait_for(self, condition: Callable[[], object], timeout: int = 5_000) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def unlock(self, folder: Path, passphrase: str) -> Database:
        """Open `folder` from the start screen: the cursor is already in the passphrase box."""
        self.window.open_folder(folder)
        self.wait_for(lambda: self.focused() is self.window.start.unlock_panel.passphrase)
        self.type(passphrase)
        self.enter()
        self.wait_for(lambda: self.window.db is not None, UNLOCK_TIMEOUT_MS)
        return self.db

    @property
    def db(self) -> Database:
        """The database the window has open (for reading back what was stored)."""
        assert self.window.db is not None, "PeerLog is locked"
        return self.window.db
