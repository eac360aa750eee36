"""Outcomes reached from the window: a person's scores and "Record a measure…", a measure for a
session's attendee, and Home listing people due a review (Enter opens the person)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import outcomes, people, sessions
from desktop_app.store.database import Database
from desktop_app.ui.home.home_screen import HomeScreen
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.outcomes.person_outcomes import PersonOutcomes
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog

SWEMWBS = [3, 4, 2, 5, 1, 3, 4]


class Opened:
    """Stands in for the workspace: notes which records a screen asked to open."""

    def __init__(self) -> None:
        self.people: list[str | None] = []

    def open_session(self, session_id: str | None) -> None: ...
    def open_volunteer(self, volunteer_id: str | None) -> None: ...
    def record_hours(self, volunteer_id: str | None) -> None: ...

    def open_person(self, person_id: str | None) -> None:
        self.people.append(person_id)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def open_form_of(qtbot: QtBot, parent: QWidget) -> OutcomeForm:
    qtbot.waitUntil(lambda: any(f.isVisible() for f in parent.findChildren(OutcomeForm)))
    return next(f for f in parent.findChildren(OutcomeForm) if f.isVisible())


def test_scores_and_recording_from_the_persons_record(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, Person("Amara K."))
    outcomes.record_outcome(db, person.id, "SWEMWBS", Stage.BASELINE, date(2025, 1, 6), SWEMWBS)
    dialog = PersonDialog(db, person.id)
    show(qtbot, dialog)
    assert dialog.record_actions is not None
    dialog.record_actions.scores_button.click()
    scores = dialog.findChild(PersonOutcomes)
    assert scores is not None and scores.isVisible()
    assert scores.table.rowCount() == 1
    assert scores.table.item(0, 1).text() == "SWEMWBS"
    assert scores.table.item(0, 3).text() == "22 (metric 19.98)"
    assert scores.chart.views, "a chart is drawn for the measure recorded"

    scores.record_button.click()
    form = open_form_of(qtbot, scores)
    assert form.stage_box.currentData() == Stage.REVIEW.value, "a baseline exists: review next"
    form.measure_box.setCurrentIndex(form.measure_box.findData("SWEMWBS"))
    for box, value in zip(form.boxes, [5, 5, 5, 5, 5, 5, 5], strict=True):
        box.setValue(value)
    form.save_button.click()
    assert scores.table.rowCount() == 2
    assert scores.table.item(0, 2).text() == "Review", "newest first"
    assert [r.stage for r in outcomes.person_outcomes(db, person.id)] == [
        Stage.BASELINE,
        Stage.REVIEW,
    ]


def test_a_new_person_has_no_outcome_buttons_yet(qtbot: QtBot, db: Database) -> None:
    dialog = PersonDialog(db)
    show(qtbot, dialog)
    assert dialog.record_actions is None


def test_record_a_measure_for_a_sessions_attendee(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, Person("Ben T."))
    held = date.today() - timedelta(days=3)
    logged = sessions.log_session(db, Session(held, "group", attendee_ids=(person.id,)))
    dialog = SessionDialog(db, logged.session.id)
    show(qtbot, dialog)
    assert dialog.measure_button.isVisible()
    dialog.attendees.chosen.setCurrentRow(-1)
    dialog.measure_button.click()
    assert dialog.attendees_error.text() == "Choose an attendee in the list first."

    dialog.attendees.chosen.setCurrentRow(0)
    dialog.measure_button.click()
    form = open_form_of(qtbot, dialog)
    assert form.date_edit.date().toPython() == held
    form.measure_box.setCurrentIndex(form.measure_box.findData("SWEMWBS"))
    for box, value in zip(form.boxes, SWEMWBS, strict=True):
        box.setValue(value)
    form.save_button.click()
    saved = outcomes.person_outcomes(db, person.id)
    assert [(r.person_id, r.taken_on, r.score.total) for r in saved] == [(person.id, held, 22)]


def test_logging_a_new_session_offers_no_measure_button(qtbot: QtBot, db: Database) -> None:
    dialog = SessionDialog(db, None)
    show(qtbot, dialog)
    assert not dialog.measure_button.isVisible()


def test_home_lists_people_due_a_review_and_enter_opens_them(qtbot: QtBot, db: Database) -> None:
    due = people.add_person(db, Person("Cora D."))
    recent = people.add_person(db, Person("Dev E."))
    long_ago = date.today() - timedelta(weeks=20)
    outcomes.record_outcome(db, due.id, "SWEMWBS", Stage.BASELINE, long_ago, SWEMWBS)
    outcomes.record_outcome(db, recent.id, "SWEMWBS", Stage.BASELINE, date.today(), SWEMWBS)
    opened = Opened()
    home = HomeScreen(db, opened)
    show(qtbot, home)
    qtbot.waitUntil(lambda: not home.checking, timeout=10_000)  # slow checks: a worker
    texts = home.attention.lines()
    wanted = f"Cora D. ({due.ref}): SWEMWBS (baseline 20 weeks ago)"
    assert texts[texts.index("Wellbeing reviews due (1)") + 1] == wanted
    assert not any("Dev E." in text and "baseline" in text for text in texts)
    line = home.attention.find_line(wanted)
    assert line is not None
    home.attention.setCurrentItem(line)
    home.attention.setFocus()
    qtbot.keyClick(home.attention, Qt.Key.Key_Return)
    assert opened.people == [due.id]


def test_home_cuts_a_long_review_list_short(qtbot: QtBot, db: Database) -> None:
    """Ten years of records can make thousands due: Home reads the first 20 and counts the
    rest, shows 3 until asked for all (and once crashed reading back item data while building
    a long list)."""
    from desktop_app.services.home import LONGEST_LIST

    long_ago = date.today() - timedelta(weeks=20)
    for n in range(LONGEST_LIST + 5):
        person = people.add_person(db, Person(f"Person {n:02d}"))
        outcomes.record_outcome(db, person.id, "SWEMWBS", Stage.BASELINE, long_ago, SWEMWBS)
    home = HomeScreen(db, Opened())
    show(qtbot, home)
    qtbot.waitUntil(lambda: not home.checking, timeout=10_000)  # slow checks: a worker
    assert "Wellbeing reviews due (25)" in home.attention.lines()
    assert sum("(baseline 20 weeks ago)" in text for text in home.attention.lines()) == 3
    show_all = home.attention.find_line("Show all 25")
    assert show_all is not None
    home.attention.setCurrentItem(show_all)
    home.attention.setFocus()
    qtbot.keyClick(home.attention, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Show fewer" in home.attention.lines())
    texts = home.attention.lines()
    assert sum("(baseline 20 weeks ago)" in text for text in texts) == LONGEST_LIST
    assert "…and 5 more not listed here" in texts
    for _ in range(3):  # refreshing rebuilds the list from scratch each time, still showing all
        home.refresh()
    qtbot.waitUntil(lambda: not home.checking, timeout=10_000)
    assert home.attention.lines() == texts
