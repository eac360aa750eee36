"""Rows of a form: a label (with its Alt+letter) and a field, with the field's error beneath."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from desktop_app.ui.forms.field_error import FieldError


def add_row(
    form: QFormLayout,
    label_text: str,
    field: QWidget,
    error: FieldError | None = None,
    extra: QWidget | QLayout | None = None,
) -> QLabel:
    """`label_text` like "&Venue:"; `extra` (a hint, a button) goes under the field."""
    label = QLabel(label_text)
    # A label's Alt+letter only focuses a buddy that takes focus itself, not one that hands
    # focus on to a proxy (the record picker does).
    label.setBuddy(field.focusProxy() or field)
    if error is None and extra is None:
        form.addRow(label, field)
        return label
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    if isinstance(extra, QLayout):
        column.addLayout(extra)
    elif extra is not None:
        column.addWidget(extra)
    if error is not None:
        column.addWidget(error)
    form.addRow(label, cell)
    return label
