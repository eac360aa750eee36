"""Choosing attendees from the keyboard: part of a name or reference, then Enter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.forms.record_picker import Choice, RecordPicker

PEOPLE = [
    Choice("1", "Sam Jones", "P-0001"),
    Choice("2", "Samira Khan", "P-0002"),
    Choice("3", "Alex Brown", "P-0003"),
]


def search(text: str) -> Sequence[Choice]:
    """Stands in for the people service's name-or-reference search."""
    t = text.casefold()
    return [c for c in PEOPLE if t in c.name.casefold() or t in c.ref.casefold()]


def make(qtbot: QtBot, new_label: str | None = "person") -> RecordPicker:
    picker = RecordPicker("attendees", search, new_label)
    qtbot.addWidget(picker)
    picker.show()
    return picker


def type_enter(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    qtbot.keyClicks(picker.search_box, text)
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return)


def test_enter_adds_the_best_match_and_clears_the_box(qtbot: QtBot) -> None:
    picker = make(qtbot)
    type_enter(qtbot, picker, "sam")
    assert picker.chosen_ids() == ["1"]
    assert picker.search_box.text() == ""
    type_enter(qtbot, picker, "sam")  # Sam is chosen already, so Samira is the best match
    type_enter(qtbot, picker, "0003")
    assert picker.chosen_ids() == ["1", "2", "3"]


def test_arrow_keys_pick_another_match(qtbot: QtBot) -> None:
    picker = make(qtbot)
    qtbot.keyClicks(picker.search_box, "sam")
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return)
    assert picker.chosen_ids() == ["2"]


def test_a_new_person_with_just_a_name(qtbot: QtBot) -> None:
    picker = make(qtbot)
    type_enter(qtbot, picker, "Jo  Bloggs ")
    assert picker.chosen_ids() == []
    assert picker.new_names() == ["Jo Bloggs"]
    assert picker.chosen.item(0).text() == "Jo Bloggs (new)"
    type_enter(qtbot, picker, "jo bloggs")
    assert picker.new_names() == ["Jo Bloggs"], "the same new name is not added twice"


def test_no_new_records_when_not_allowed(qtbot: QtBot) -> None:
    picker = make(qtbot, new_label=None)
    type_enter(qtbot, picker, "zzz")
    assert picker.choices() == []
    assert picker.search_box.text() == "zzz"


def test_delete_removes_a_chosen_one(qtbot: QtBot) -> None:
    picker = make(qtbot)
    type_enter(qtbot, picker, "alex")
    type_enter(qtbot, picker, "sam")
    picker.chosen.setFocus()
    picker.chosen.setCurrentRow(0)
    qtbot.keyClick(picker.chosen, Qt.Key.Key_Delete)
    assert picker.chosen_ids() == ["1"]


def test_ctrl_enter_is_left_for_the_dialog(qtbot: QtBot) -> None:
    picker = make(qtbot)
    qtbot.keyClicks(picker.search_box, "sam")
    qtbot.keyClick(picker.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert picker.choices() == []
