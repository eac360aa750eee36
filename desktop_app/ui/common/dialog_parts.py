"""Small parts the record dialogs share: the id of the saved record a form is correcting,
kept among its fields; opening one dialog from inside another; sizing a window to the screen.

The record key: a draft of the form (when PeerLog locks) then comes back correcting the same
record, never as a new one. Never shown; empty for a new record.

A dialog opened from inside another (a person's case studies from their record, an hours entry
from a volunteer's): when it closes, the keyboard goes back to where it was, in the window it
was opened from, and the dialog is deleted.

Sizing: a window gets the size it wants, but never beyond the screen it is on (at 150 % text a
1366×768 screen is only 910×512 of Qt's units); whatever does not fit scrolls inside it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

RECORD_KEY_NAME = "Record being corrected"


class RecordKey(QLineEdit):
    def __init__(self, record_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(record_id or "", parent)
        self.setAccessibleName(RECORD_KEY_NAME)
        self.setReadOnly(True)
        self.hide()

    def record_id(self) -> str | None:
        return self.text() or None

    # Kept in a draft (read-only boxes are not, so it says what it holds): a correcting form
    # comes back correcting the same record.
    def draft_value(self) -> str:
        return self.text()

    def restore_draft_value(self, value: object) -> None:
        self.setText(str(value or ""))


def show_child(dialog: QDialog) -> None:
    """Open `dialog` (window-modal) and give the keyboard back when it is closed."""
    before = QApplication.focusWidget()
    dialog.finished.connect(lambda _result: _give_back(dialog, before))
    dialog.open()


def _give_back(dialog: QDialog, before: QWidget | None) -> None:
    dialog.deleteLater()
    parent = dialog.parentWidget()
    if parent is None or not shiboken6.isValid(parent) or not parent.isVisible():
        return
    parent.window().activateWindow()
    if before is not None and shiboken6.isValid(before) and before.isVisible():
        before.setFocus()


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height())
    window.resize(width, height)
