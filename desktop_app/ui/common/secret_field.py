"""A box for typing a passphrase or recovery code: what is typed is never shown, and never kept
in a draft (even while "Show what I type" shows it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

SECRET_PROPERTY = "peerlog_secret"


def secret_line_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    edit.setProperty(SECRET_PROPERTY, True)
    return edit


def is_secret(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
        return True
    return bool(widget.property(SECRET_PROPERTY))
