"""Date and year boxes that can also say "not recorded", typed or picked from a calendar.

Dates are shown the way people write them ("3 Mar 2025"), and typed the same way.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QSpinBox, QWidget

DISPLAY_FORMAT = "d MMM yyyy"
_EMPTY = QDate(1900, 1, 1)  # the bottom of the range stands for "not recorded"


class DateBox(QDateEdit):
    """A date that is always set, today by default, never in the future unless allowed.

    Tab moves on to the next field, as in every other box (Qt's date boxes keep it to move
    between day, month and year, and keep it for good while showing "Not recorded"); the arrow
    keys and typing move within the date.
    """

    def __init__(
        self, accessible_name: str, allow_future: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(QDate.currentDate(), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setAccessibleName(accessible_name)
        if not allow_future:
            self.setMaximumDate(QDate.currentDate())

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
            event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)

    def value(self) -> date:
        result = self.date().toPython()
        assert isinstance(result, date)
        return result

    def set_value(self, day: date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))


class OptionalDateBox(DateBox):
    """A date, or "Not recorded" (the lowest value; clear it with the Delete key)."""

    def __init__(
        self,
        accessible_name: str,
        allow_future: bool = False,
        empty_text: str = "Not recorded",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(accessible_name, allow_future, parent)
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(empty_text)
        self.setDate(_EMPTY)

    def value(self) -> date | None:  # type: ignore[override]
        return None if self.date() == _EMPTY else super().value()

    def set_value(self, day: date | None) -> None:
        if day is None:
            self.setDate(_EMPTY)
        else:
            super().set_value(day)

    def clear(self) -> None:
        self.setDate(_EMPTY)


class YearBox(QSpinBox):
    """A year of birth, or "Not known"."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        this_year = date.today().year
        self.setRange(this_year - 121, this_year)
        self.setSpecialValueText("Not known")
        self.setValue(self.minimum())
        self.setAccessibleName(accessible_name)

    def year(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(self.minimum() if year is None else year)
