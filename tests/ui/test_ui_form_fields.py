"""Date boxes that can be empty, and errors placed beside their fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.common.date_fields import OptionalDateBox, YearBox
from desktop_app.ui.common.field_error import FieldErrors
from desktop_app.ui.common.value_text import hours_text, short_date


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def test_optional_date_is_empty_until_set(qtbot: QtBot) -> None:
    box = OptionalDateBox("First contact")
    qtbot.addWidget(box)
    assert box.value() is None
    assert box.text() == "Not recorded"
    box.set_value(date(2024, 3, 5))
    assert box.value() == date(2024, 3, 5)
    assert box.text() == "5 Mar 2024"
    box.clear()
    assert box.value() is None


def test_year_box_types_a_year(qtbot: QtBot) -> None:
    box = YearBox("Year of birth")
    qtbot.addWidget(box)
    box.show()
    assert box.year() is None
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "1985")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.year() == 1985


def test_short_date() -> None:
    assert short_date(date(2025, 3, 3)) == "3 Mar 2025"
    assert short_date(None) == ""
    assert hours_text(Decimal(3)) == "3"
    assert hours_text(Decimal("1204.3")) == "1,204.3"
    assert hours_text(Decimal("131.25")) == "131.25"  # a quarter hour, never "131.2"
    assert hours_text(Decimal(20) / 60) == "0.33"


def test_problems_go_beside_their_fields(qtbot: QtBot) -> None:
    errors = FieldErrors("saving")
    venue = errors.label("venue", "the venue")
    errors.show([Problem("venue", "Too long."), Problem("secret_field", "Something else.")])
    assert venue.text() == "Too long."
    assert errors.general.text() == "Something else."
    assert errors.shown() == {"venue": "Too long.", "": "Something else."}
    errors.clear()
    assert errors.shown() == {}
    assert venue.isHidden()
