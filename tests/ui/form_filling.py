"""Filling every input of a form the way a person would, and reading every input back.

Written apart from `ui/common/form_state.py` (which keeps drafts) so that a test using it can
fail: the widgets are found here by their kind, and an input of a kind this module does not
know how to fill fails the test instead of being skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.ui.common.record_picker import RecordPicker
from desktop_app.ui.volunteers.training_fields import TrainingFields

COMPOSITES = (RecordPicker, TrainingFields)
EDITORS = (QComboBox, QAbstractSpinBox, QCalendarWidget)
Overrides = Mapping[str, Any]  # accessible name (a regular expression) → what to enter


def inputs(form: QWidget) -> list[QWidget]:
    """Every widget of `form`'s window that takes input, in order; passphrase boxes excluded."""
    return [
        widget
        for widget in form.findChildren(QWidget)
        if widget.window() is form.window()
        and not _part_of_another(widget)
        and _takes_input(widget)
    ]


def _takes_input(widget: QWidget) -> bool:
    if isinstance(widget, (*COMPOSITES, QComboBox, QAbstractSpinBox)):
        return True
    if isinstance(widget, QLineEdit):
        return widget.echoMode() == QLineEdit.EchoMode.Normal and not widget.isReadOnly()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractButton | QGroupBox):
        return widget.isCheckable()
    # an editable table or list: fill_all fails, not knowing how to fill it
    return isinstance(widget, QAbstractItemView) and not _in_composite(widget) and _editable(widget)


def _editable(view: QAbstractItemView) -> bool:
    model = view.model()
    if model is None or view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
        return False
    root = QModelIndex()
    columns = range(1 if isinstance(model, QAbstractListModel) else model.columnCount(root))
    rows = range(model.rowCount(root))
    cells = [(r, c) for r in rows for c in columns]
    return any(model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable for r, c in cells)


def _part_of_another(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, EDITORS):
            return True
        parent = parent.parentWidget()
    return False


def _in_composite(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, COMPOSITES):
        parent = parent.parentWidget()
    return parent is not None


def read(widget: QWidget) -> Any:
    """What the widget shows, read from the widget itself."""
    if isinstance(widget, RecordPicker):
        return [(c.id, c.name) for c in widget.choices()]
    if isinstance(widget, TrainingFields):
        return [(t.course, t.completed_on, t.expires_on) for t in widget.training()]
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton | QGroupBox):
        return widget.isChecked()
    raise AssertionError(f"No way to read a {type(widget).__name__} ({widget.accessibleName()})")


def snapshot(form: QWidget) -> list[tuple[str, str, Any]]:
    return [(type(w).__name__, w.accessibleName(), read(w)) for w in inputs(form)]


def fill_all(qtbot: QtBot, form: QWidget, overrides: Overrides) -> list[str]:
    """Give every shown, enabled input a value other than the one it had: check boxes first
    (they show or enable other fields), then drop-downs (they can rebuild fields), then the
    rest. Returns the accessible names of the inputs that were not shown (left as they were)."""
    for kinds in ((QAbstractButton, QGroupBox), (QComboBox,), (QWidget,)):
        for widget in inputs(form):
            if isinstance(widget, kinds) and _fillable(form, widget) and not _done(widget):
                _fill(qtbot, widget, _override(overrides, widget))
                widget.setProperty("filled_by_test", True)
    return [w.accessibleName() for w in inputs(form) if not _fillable(form, w)]


def _fillable(form: QWidget, widget: QWidget) -> bool:
    return widget.isVisibleTo(form) and widget.isEnabled()


def _done(widget: QWidget) -> bool:
    return bool(widget.property("filled_by_test"))


def _override(overrides: Overrides, widget: QWidget) -> Any:
    for pattern, value in overrides.items():
        if re.fullmatch(pattern, widget.accessibleName()):
            return value
    return None


def _fill(qtbot: QtBot, widget: QWidget, value: Any) -> None:
    name = widget.accessibleName()
    if isinstance(widget, RecordPicker):
        for query in value or [f"New {name}"]:
            qtbot.keyClicks(widget.search_box, query)
            qtbot.keyClick(widget.search_box, Qt.Key.Key_Return)
        assert widget.choices(), f"nothing was chosen in {name}"
    elif isinstance(widget, TrainingFields):
        widget.course.setText(value or "First aid")
        widget.completed_on.setDate(QDate.currentDate().addDays(-30))
        widget.add_entered()
    elif isinstance(widget, QLineEdit):
        widget.clear()
        qtbot.keyClicks(widget, value if value is not None else f"Typed {name}")
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText(value if value is not None else f"Typed {name}")
    elif isinstance(widget, QComboBox):
        _choose_another(widget, value)
    elif isinstance(widget, QDateEdit):
        day = value or date.today() - timedelta(days=7)
        widget.setDate(QDate(day.year, day.month, day.day))
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        if value is None:
            step = widget.singleStep()
            value = (
                widget.value() + step
                if widget.value() < widget.maximum()
                else widget.value() - step
            )
        widget.setValue(value)
    elif isinstance(widget, QAbstractButton | QGroupBox):
        widget.setChecked(not widget.isChecked() if value is None else bool(value))
    else:
        raise AssertionError(f"No way to fill a {type(widget).__name__} ({name})")


def _choose_another(box: QComboBox, value: Any) -> None:
    if box.isEditable():
        box.setEditText(value if value is not None else f"Typed {box.accessibleName()}")
        return
    if value is not None:
        box.setCurrentIndex(box.findText(value))
        return
    model = box.model()
    for step in range(1, box.count()):
        row = (box.currentIndex() + step) % box.count()
        if model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled:
            box.setCurrentIndex(row)
            return
    raise AssertionError(f"{box.accessibleName()} offers only one choice")
