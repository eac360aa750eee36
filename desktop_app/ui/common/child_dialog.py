"""Showing a dialog from inside another (a person's case studies from their record, an hours
entry from a volunteer's): when it closes, the keyboard goes back to where it was, in the
window it was opened from, and the dialog is deleted."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QWidget


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
