"""The outcome form, driven with the keyboard through qtbot, saving to a real database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.outcomes.change import Stage
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.ui.outcomes.outcome_form import ItemScoreBox, OutcomeForm


def open_form(qtbot: QtBot, db: Database, person: str, code: str) -> OutcomeForm:
    form = OutcomeForm(db, person, measure_code=code, taken_on=date(2025, 3, 4))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    return form


def type_scores(qtbot: QtBot, form: OutcomeForm, scores: list[str]) -> None:
    """Type each score into the focused box and press Enter to move on, as from paper."""
    form.boxes[0].setFocus()
    qtbot.waitUntil(lambda: form.boxes[0].hasFocus())
    for box, text in zip(form.boxes, scores, strict=True):
        assert QApplication.focusWidget() is box
        if text:
            qtbot.keyClicks(box, text)
        qtbot.keyClick(box, Qt.Key.Key_Return)


def test_total_and_metric_update_as_scores_are_typed(
    qtbot: QtBot, db: Database, person: str
) -> None:
    form = open_form(qtbot, db, person, "SWEMWBS")
    assert form.summary.text() == "Type a score for each item."
    type_scores(qtbot, form, ["3", "4", "2", "5", "1", "3", "4"])
    assert form.summary.text() == "Total 22 (from 7 to 35). Metric score 19.98."
    form.boxes[6].selectAll()
    qtbot.keyClicks(form.boxes[6], "5")
    assert form.summary.text() == "Total 23 (from 7 to 35). Metric score 20.73."


def test_out_of_range_score_refused_beside_the_field(
    qtbot: QtBot, db: Database, person: str
) -> None:
    form = open_form(qtbot, db, person, "SWEMWBS")
    type_scores(qtbot, form, ["1", "2", "7", "1", "1", "1", "1"])
    assert form.problems[2].text() == "Item 3 must be between 1 and 5; you entered 7."
    assert "you entered 7" in form.boxes[2].accessibleDescription()
    assert not form.save_button.isEnabled()
    assert "Correct the scores" in form.summary.text()
    form.boxes[2].selectAll()
    qtbot.keyClicks(form.boxes[2], "5")
    assert form.problems[2].text() == ""
    assert form.save_button.isEnabled()
    assert form.summary.text().startswith("Total 12 ")


def test_keyboard_only_entry_and_save(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "UCLA3")
    with qtbot.waitSignal(form.saved) as saved:
        # Alt+T, the S&tage mnemonic; sent to the window so the shortcut map sees it.
        qtbot.keyClick(form.windowHandle(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(form.stage_box.hasFocus)
        qtbot.keyClick(form.stage_box, Qt.Key.Key_Down)  # Baseline -> Review
        type_scores(qtbot, form, ["2", "3", "1"])
        assert QApplication.focusWidget() is form.save_button
        qtbot.keyClick(form.save_button, Qt.Key.Key_Space)
    record = saved.args[0]
    assert (record.stage, record.taken_on, record.score.total) == (
        Stage.REVIEW,
        date(2025, 3, 4),
        6,
    )
    assert outcomes.person_outcomes(db, person) == [record]


def test_opened_for_a_review(qtbot: QtBot, db: Database, person: str) -> None:
    form = OutcomeForm(db, person, measure_code="ONS4", stage=Stage.REVIEW)
    qtbot.addWidget(form)
    assert (form.measure.code, form.stage_box.currentData()) == ("ONS4", "review")
    assert len(form.boxes) == 4


def test_enter_never_saves_by_surprise(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "UCLA3")
    type_scores(qtbot, form, ["2", "2", "2"])
    assert QApplication.focusWidget() is form.save_button
    qtbot.keyClick(form.save_button, Qt.Key.Key_Return)
    qtbot.keyClick(form, Qt.Key.Key_Enter)
    assert form.isVisible()
    assert outcomes.person_outcomes(db, person) == []


def test_incomplete_form_saved_without_total(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "SWEMWBS")
    type_scores(qtbot, form, ["3", "3", "", "3", "3", "3", ""])
    assert form.summary.text() == (
        "Incomplete: items 3, 7 not answered. The form will be saved without a total."
    )
    form.save_button.click()
    [record] = outcomes.person_outcomes(db, person)
    assert record.score.items == (3, 3, None, 3, 3, 3, None)
    assert not record.score.complete and record.score.total is None


def test_clearing_a_score_makes_it_not_answered(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "UCLA3")
    type_scores(qtbot, form, ["2", "2", "2"])
    box = form.boxes[1]
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # focus selected the old score
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.boxes[2]
    assert box.answer() is None and box.text() == "Not answered"
    assert form.summary.text().startswith("Incomplete: item 2 not answered")


def test_empty_form_is_not_saved(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "WEMWBS")
    form.save_button.click()
    assert form.message.text() == "Type at least one item score before saving."
    assert form.isVisible() and outcomes.person_outcomes(db, person) == []


def test_service_refusal_is_shown(qtbot: QtBot, db: Database) -> None:
    form = open_form(qtbot, db, "nobody", "UCLA3")
    type_scores(qtbot, form, ["1", "1", "1"])
    form.save_button.click()
    assert form.message.text().startswith("That record is no longer in the database")
    assert form.isVisible()


def test_ons4_shows_bands_and_no_total(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "ONS4")
    type_scores(qtbot, form, ["0", "9", "6", "7"])
    assert [p.text() for p in form.problems] == ["Low", "Very high", "Medium", "High"]
    assert form.summary.text() == "Each item is reported on its own; there is no total."
    assert "0 = Not at all" in form.hint.text()


def test_changing_measure_rebuilds_items_with_their_labels(
    qtbot: QtBot, db: Database, person: str
) -> None:
    outcomes.set_item_wording(db, "WEMWBS", {1: "Organisation wording one"})
    form = open_form(qtbot, db, person, "UCLA3")
    assert len(form.boxes) == 3
    form.measure_box.setCurrentIndex(form.measure_box.findData("WEMWBS"))
    assert len(form.boxes) == 14
    labels = [form.items_scroll.widget().layout().itemAtPosition(r, 0).widget() for r in (1, 2)]
    assert [label.text() for label in labels] == ["1. Organisation wording one", "2. Item 2"]
    assert labels[0].buddy() is form.boxes[0]


def test_every_control_has_an_accessible_name(qtbot: QtBot, db: Database, person: str) -> None:
    form = open_form(qtbot, db, person, "ONS4")
    named = [form.measure_box, form.stage_box, form.date_edit, *form.boxes]
    assert all(widget.accessibleName() for widget in named)
    assert [b.accessibleName() for b in form.boxes] == [f"Item {n}" for n in range(1, 5)]
    assert "how anxious" in form.boxes[3].accessibleDescription()
    assert all(isinstance(b, ItemScoreBox) for b in form.boxes)
