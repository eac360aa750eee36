"""Sizing a window to what it wants, but never beyond the screen it is on (at 150 % text a
1366×768 screen is only 910×512 of Qt's units): whatever does not fit scrolls inside it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height())
    window.resize(width, height)
