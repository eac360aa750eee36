"""Checks a screen reader user and a keyboard user rely on, for any window."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no accessible name, no text, no label buddy."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box, date box or typed-in drop-down
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.strip() or id(widget) in buddies):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def mnemonic_clashes(root: QWidget, extra: Sequence[str] = ()) -> dict[str, list[str]]:
    """Alt+letter keys used by more than one visible label, button or group in `root`."""
    texts = list(extra)
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy()):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        match = re.search(r"(?<!&)&([^&])", text)
        if match:
            by_letter.setdefault(match.group(1).lower(), []).append(text)
    return {letter: used for letter, used in by_letter.items() if len(used) > 1}
