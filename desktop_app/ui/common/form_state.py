"""A form's field values as plain data, and back: what a draft keeps when PeerLog locks.

Fields are found by their accessible names (every control has one: the accessibility tests
check it), so the same form built again finds its values. Passphrase boxes are never kept.
Choice boxes go first because changing one can rebuild other fields (the outcome form's items).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from desktop_app.domain.volunteers import TrainingRecord
from desktop_app.ui.common.record_picker import Choice, RecordPicker
from desktop_app.ui.volunteers.training_fields import TrainingFields

State = dict[str, Any]


def _named_fields(form: QWidget) -> list[tuple[str, QWidget]]:
    seen: Counter[str] = Counter()
    found = []
    for widget in form.findChildren(QWidget):
        if not shiboken6.isValid(widget) or not _is_field(widget):
            continue
        name = widget.accessibleName()
        if not name:
            continue
        seen[name] += 1
        found.append((f"{name}#{seen[name]}" if seen[name] > 1 else name, widget))
    return found


_FIELD_TYPES = (
    QPlainTextEdit,
    QComboBox,
    QDateEdit,
    QTimeEdit,
    QSpinBox,
    QDoubleSpinBox,
    RecordPicker,
    TrainingFields,
)


def _is_field(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        inside = widget.parentWidget()
        if isinstance(inside, QAbstractSpinBox | QComboBox):
            return False  # the box's own editor; the box is kept
        return widget.echoMode() == QLineEdit.EchoMode.Normal
    return isinstance(widget, _FIELD_TYPES) or (
        isinstance(widget, QAbstractButton) and widget.isCheckable()
    )


def capture(form: QWidget) -> State:
    return {name: _value(widget) for name, widget in _named_fields(form)}


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):  # typed text for a box that takes it, else the choice
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QTimeEdit):
        return widget.time().toString("HH:mm")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, RecordPicker):
        return [[c.id, c.name, c.ref] for c in widget.choices()]
    if isinstance(widget, TrainingFields):
        return [
            [
                t.course,
                t.completed_on.isoformat(),
                t.expires_on.isoformat() if t.expires_on else None,
                t.id,
                t.created_at,
                t.updated_at,
            ]
            for t in widget.training()
        ]
    assert isinstance(widget, QAbstractButton)
    return widget.isChecked()


def restore(form: QWidget, state: State) -> None:
    """Put the values back. Runs the non-choice fields twice, because some fields set others
    when they change (a session's length sets its hours)."""
    for name, widget in _named_fields(form):
        if isinstance(widget, QComboBox) and name in state:
            _set(widget, state[name])
    for _twice in range(2):
        for name, widget in _named_fields(form):
            if not isinstance(widget, QComboBox) and name in state:
                _set(widget, state[name])


def _set(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != value:
            widget.setPlainText(str(value))
    elif isinstance(widget, QComboBox):
        if isinstance(value, str):
            widget.setCurrentText(value)
        else:
            widget.setCurrentIndex(int(value))
    elif isinstance(widget, QDateEdit):
        day = date.fromisoformat(value)
        widget.setDate(QDate(day.year, day.month, day.day))
    elif isinstance(widget, QTimeEdit):
        moment = time.fromisoformat(value)
        widget.setTime(QTime(moment.hour, moment.minute))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value))
    elif isinstance(widget, RecordPicker):
        wanted = [Choice(c[0], c[1], c[2]) for c in value]
        if widget.choices() != wanted:
            widget.set_choices(wanted)
    elif isinstance(widget, TrainingFields):
        records = tuple(
            TrainingRecord(course, date.fromisoformat(done), _day_or_none(expires), *rest)
            for course, done, expires, *rest in value
        )
        if widget.training() != records:
            widget.load(records)
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(bool(value))


def _day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


_OPENING_STATE = "_peerlog_opening_state"


def remember_opening_state(form: QWidget) -> None:
    """Note the values a form opened with, so a lock only keeps forms that were changed."""
    setattr(form, _OPENING_STATE, capture(form))


def changed_state(form: QWidget) -> State | None:
    """The form's values when they differ from those it opened with; None otherwise."""
    state = capture(form)
    return None if state == getattr(form, _OPENING_STATE, None) else state
