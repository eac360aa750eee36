"""A form's typed input as plain data, and back: what a draft keeps when PeerLog locks, and how
PeerLog tells that closing a form would lose something.

Nothing is listed by hand: every input widget in the form's window is found by walking its
children, so a field added later is kept without anyone remembering to add it here. Kept:

- line edits, plain and rich text boxes (not read-only ones);
- drop-downs (the typed text of an editable one, else the choice);
- date, time and number boxes; check boxes, radio buttons and checkable group boxes;
- editable tables (the text of every cell, row by row);
- any widget with `draft_value()` and `restore_draft_value(value)` (a list of chosen records,
  rows of training): see `KeepsDraftValue`. The line edits inside one are kept as well.

Never kept: passphrase boxes (`secret_field`), widgets of another window (a dialog opened from
this one is its own form) and the parts of a drop-down, number box or calendar.

Each field is named by its accessible name (every control has one: the accessibility tests check
it), else its text or title, else its kind; a second field of one name gets "#2", and so on. The
same form built again names its fields the same way and so finds its values. Choice boxes go
first when values are put back, because changing one can rebuild other fields (the outcome
form's items).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QWidget,
)

from desktop_app.ui.common.secret_field import is_secret

State = dict[str, Any]


@runtime_checkable
class KeepsDraftValue(Protocol):
    """A widget holding input that is not in a standard box (chosen people, rows of training):
    its value as JSON-ready data, and putting such a value back."""

    def draft_value(self) -> Any: ...

    def restore_draft_value(self, value: Any) -> None: ...


def input_widgets(form: QWidget) -> list[tuple[str, QWidget]]:
    """Every input widget of `form`'s own window, with the name its value is kept under."""
    seen: Counter[str] = Counter()
    found = []
    window = form.window()
    for widget in form.findChildren(QWidget):
        if not shiboken6.isValid(widget) or widget.window() is not window:
            continue
        if not is_input(widget):
            continue
        name = _name(widget)
        seen[name] += 1
        found.append((f"{name}#{seen[name]}" if seen[name] > 1 else name, widget))
    return found


def is_input(widget: QWidget) -> bool:
    """True for a widget whose value a person types or chooses (and a draft keeps)."""
    if is_secret(widget) or _inside_another_input(widget):
        return False
    if isinstance(widget, KeepsDraftValue):
        return True
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractButton | QGroupBox):
        return widget.isCheckable()
    if isinstance(widget, QTableWidget):
        return widget.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    return isinstance(widget, QComboBox | QAbstractSpinBox)


def _inside_another_input(widget: QWidget) -> bool:
    """The editor of a drop-down or number box, a calendar's parts, a table's cell editor."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QComboBox | QAbstractSpinBox | QCalendarWidget | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return isinstance(parent, QCalendarWidget)


def _name(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&", "")
    if isinstance(widget, QGroupBox) and widget.title():
        return widget.title().replace("&", "")
    return type(widget).__name__


def capture(form: QWidget) -> State:
    return {name: value_of(widget) for name, widget in input_widgets(form)}


def value_of(widget: QWidget) -> Any:
    """An input widget's value as JSON-ready data."""
    if isinstance(widget, KeepsDraftValue):
        return widget.draft_value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):  # typed text for a box that takes it, else the choice
        return (
            widget.currentText()
            if widget.isEditable()
            else [widget.currentIndex(), widget.currentText()]
        )
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QTableWidget):
        return [
            [_cell_text(widget.item(row, column)) for column in range(widget.columnCount())]
            for row in range(widget.rowCount())
        ]
    assert isinstance(widget, QAbstractButton | QGroupBox)
    return widget.isChecked()


def _cell_text(item: QTableWidgetItem | None) -> str | None:
    return None if item is None else item.text()


def restore(form: QWidget, state: State) -> None:
    """Put the values back. Runs the non-choice fields twice, because some fields set others
    when they change (a session's length sets its hours)."""
    for name, widget in input_widgets(form):
        if isinstance(widget, QComboBox) and name in state:
            _set(widget, state[name])
    for _twice in range(2):
        for name, widget in input_widgets(form):
            if not isinstance(widget, QComboBox) and name in state:
                _set(widget, state[name])


def _set(widget: QWidget, value: Any) -> None:
    if value_of(widget) == value:
        return
    if isinstance(widget, KeepsDraftValue):
        widget.restore_draft_value(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QComboBox):
        _choose(widget, value)
    elif isinstance(widget, QDateTimeEdit):
        widget.setDateTime(_date_time(str(value)))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value))
    elif isinstance(widget, QTableWidget):
        _set_cells(widget, value)
    elif isinstance(widget, QAbstractButton | QGroupBox):
        widget.setChecked(bool(value))


def _choose(box: QComboBox, value: Any) -> None:
    """The same choice by its text (the list may have changed meanwhile: a volunteer added),
    else by its place; a choice that has gone (a template read from a file) is left alone."""
    if isinstance(value, str):
        box.setCurrentText(value)
        return
    index, text = (value[0], value[1]) if isinstance(value, list) else (value, None)
    found = box.findText(text) if text is not None else -1
    if found < 0 and 0 <= int(index) < box.count():
        found = int(index)
    if found >= 0:
        box.setCurrentIndex(found)


def _date_time(text: str) -> QDateTime:
    """Also reads drafts kept before times were kept with dates ("2025-03-01", "10:30")."""
    if ":" in text and "-" not in text:
        return QDateTime(QDate(2000, 1, 1), QTime.fromString(text, "HH:mm"))
    if "T" not in text:
        return QDateTime(QDate.fromString(text, "yyyy-MM-dd"), QTime(0, 0))
    return QDateTime.fromString(text, "yyyy-MM-ddTHH:mm:ss")


def _set_cells(table: QTableWidget, rows: list[list[str | None]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells[: table.columnCount()]):
            if text is None:
                continue
            item = table.item(row, column)
            if item is None:
                table.setItem(row, column, QTableWidgetItem(text))
            else:
                item.setText(text)


_OPENING_STATE = "_peerlog_opening_state"


def remember_opening_state(form: QWidget) -> None:
    """Note the values a form opened with (or was saved with), so that a lock keeps it only
    once changed, and closing it asks first only then."""
    setattr(form, _OPENING_STATE, capture(form))


def has_opening_state(form: QWidget) -> bool:
    return hasattr(form, _OPENING_STATE)


def changed_state(form: QWidget) -> State | None:
    """The form's values when they differ from those it opened with; None otherwise."""
    state = capture(form)
    return None if state == getattr(form, _OPENING_STATE, None) else state


def is_changed(form: QWidget) -> bool:
    return changed_state(form) is not None


def edited_values(form: QWidget) -> State:
    """Only the fields changed since the form opened (or was last saved)."""
    opening = getattr(form, _OPENING_STATE, {})
    return {name: v for name, v in capture(form).items() if opening.get(name, v) != v}
