"""A box for typing a passphrase or recovery code: what is typed is never shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def secret_line_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit
