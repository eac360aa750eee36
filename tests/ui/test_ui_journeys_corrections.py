"""Journeys through the real main window on a real encrypted database, by keyboard where a
person would use it, each ending by reading back what was stored: a wellbeing score recorded,
corrected and deleted; volunteer hours recorded, corrected and deleted; a case study written
from a person's record, approved and put in a return; a facilitator added while logging the
first session on a new database."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Consent, Person, PersonSummary
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import case_studies, outcomes, people, sessions, volunteers
from desktop_app.services.returns.build import build_return, shareable_case_study
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.case_studies.person_case_studies import PersonCaseStudies
from desktop_app.ui.common import messages
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.outcomes.person_outcomes import PersonOutcomes
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.returns.case_study_picker import ID_ROLE, RedactionPreview
from desktop_app.ui.returns.returns_screen import ReturnsScreen
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow, sections
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.ui.conftest import unlock
from tests.ui.test_ui_log_session import press, type_text

T = TypeVar("T", bound=QWidget)
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
NAME = "Amara Okoye"
FRIEND = "Ben Carter"
VOLUNTEER = "Robin Ashworth"


def save_keys(qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Return, CTRL)


def shown(qtbot: QtBot, window: MainWindow, kind: type[T]) -> T:
    """The one visible dialog of `kind`, once it is the active window."""

    def found() -> list[T]:
        return [d for d in window.findChildren(kind) if d.isVisible()]

    qtbot.waitUntil(lambda: len(found()) == 1)
    (dialog,) = found()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def back_to(qtbot: QtBot, dialog: QWidget) -> None:
    """The dialog a closed one was opened from is the active window again (the offscreen
    platform has no window manager to do it)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def gone(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible())


def section_key(title: str) -> Qt.Key:
    """The number key that, with Ctrl, goes to the section called `title`."""
    titles = [section.title for section in sections()]
    return getattr(Qt.Key, f"Key_{titles.index(title) + 1}")  # type: ignore[no-any-return]


def open_first_in_section(qtbot: QtBot, window: MainWindow, ctrl_number: Qt.Key) -> None:
    """Ctrl+number for the section, then Enter on the first row of its list."""
    press(qtbot, ctrl_number, CTRL)
    assert window.workspace is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    screen = window.workspace.screen_at(window.workspace.current_index)
    table = screen.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    press(qtbot, Qt.Key.Key_Return)


@pytest.fixture
def one_person(created: CreatedDatabase) -> Path:
    db = created.database
    said_yes = Consent(date.today() - timedelta(days=30), "written", True, True, True)
    people.add_person(db, Person(known_as=NAME, consent=said_yes))
    people.add_person(db, Person(known_as=FRIEND))
    volunteers.add_volunteer(db, Volunteer(name=VOLUNTEER))
    db.close()
    return db.folder


def open_amaras_record(
    qtbot: QtBot, window: MainWindow, folder: Path
) -> tuple[PersonSummary, PersonDialog]:
    """Unlock, then Ctrl+number for People and Enter on Amara, the first in the list."""
    unlock(qtbot, window, folder)
    assert window.db is not None
    amara = people.find_people(window.db, NAME)[0]
    open_first_in_section(qtbot, window, section_key("People"))
    record = shown(qtbot, window, PersonDialog)
    assert record.known_as.text() == NAME
    return amara, record


def test_a_score_recorded_corrected_and_deleted(
    qtbot: QtBot, window: MainWindow, one_person: Path
) -> None:
    amara, record = open_amaras_record(qtbot, window, one_person)
    assert window.db is not None

    press(qtbot, Qt.Key.Key_U, ALT)  # Record a meas&ure…
    form = shown(qtbot, window, OutcomeForm)
    form.measure_box.setFocus()
    form.measure_box.setCurrentIndex(form.measure_box.findData("SWEMWBS"))
    form.boxes[0].setFocus()
    for score in "3425134":
        type_text(qtbot, score)
        press(qtbot, Qt.Key.Key_Return)  # Enter moves to the next item
    save_keys(qtbot)
    gone(qtbot, form)
    (saved,) = outcomes.person_outcomes(window.db, amara.id)
    assert saved.score.items == (3, 4, 2, 5, 1, 3, 4) and saved.score.total == 22

    back_to(qtbot, record)
    press(qtbot, Qt.Key.Key_M, ALT)  # Measures over time…
    scores = shown(qtbot, window, PersonOutcomes)
    scores.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # open the chosen form to correct it
    correcting = shown(qtbot, window, OutcomeForm)
    assert correcting.windowTitle() == "Correct a wellbeing measure"
    assert correcting.answers() == [3, 4, 2, 5, 1, 3, 4], "filled in as saved"
    correcting.boxes[6].setFocus()
    type_text(qtbot, "5")  # item 7 was typed wrongly from the paper form
    correcting.stage_box.setCurrentIndex(correcting.stage_box.findData(Stage.REVIEW.value))
    save_keys(qtbot)
    gone(qtbot, correcting)
    (corrected,) = outcomes.person_outcomes(window.db, amara.id)
    assert corrected.id == saved.id, "corrected in place, not saved again"
    assert corrected.score.total == 23 and corrected.stage is Stage.REVIEW
    assert "23" in scores.table.item(0, 3).text()

    back_to(qtbot, scores)
    scores.table.setFocus()
    with messages.headless([False, True]) as asked:
        press(qtbot, Qt.Key.Key_D, ALT)  # Delete…, answered Cancel
        qtbot.waitUntil(lambda: len(asked) == 1)  # Alt+letter clicks after a short animation
        assert len(outcomes.person_outcomes(window.db, amara.id)) == 1
        press(qtbot, Qt.Key.Key_D, ALT)  # and again, answered "Delete the form"
        qtbot.waitUntil(lambda: len(asked) == 2)
    assert [m.title for m in asked] == ["Delete this form?"] * 2
    assert outcomes.person_outcomes(window.db, amara.id) == []
    assert scores.table.rowCount() == 0


def test_hours_recorded_corrected_and_deleted(
    qtbot: QtBot, window: MainWindow, one_person: Path
) -> None:
    unlock(qtbot, window, one_person)
    assert window.db is not None
    robin = volunteers.list_volunteers(window.db)[0]
    open_first_in_section(qtbot, window, section_key("Volunteers"))
    record = shown(qtbot, window, VolunteerDialog)
    assert record.hours is not None and record.hours.total.text() == "None yet"

    press(qtbot, Qt.Key.Key_H, ALT)  # Record &hours…
    entry = shown(qtbot, window, HoursDialog)
    assert QApplication.focusWidget() is entry.hours.lineEdit() or entry.hours.hasFocus()
    entry.hours.selectAll()
    type_text(qtbot, "2.5")
    entry.activity.setFocus()
    entry.activity.lineEdit().selectAll()
    type_text(qtbot, "Planning the summer outing")
    save_keys(qtbot)
    gone(qtbot, entry)
    (saved,) = volunteers.list_hours(window.db, robin.id).rows
    assert (saved.hours, saved.activity) == (2.5, "Planning the summer outing")
    assert record.hours.table.rowCount() == 1
    assert "2.5 hours in all" in record.hours.total.text()

    back_to(qtbot, record)
    record.hours.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # open the entry to correct it
    correcting = shown(qtbot, window, HoursDialog)
    assert correcting.windowTitle() == "Correct volunteer hours"
    assert correcting.hours.value() == 2.5
    correcting.hours.setFocus()
    correcting.hours.selectAll()
    type_text(qtbot, "3.75")
    save_keys(qtbot)
    gone(qtbot, correcting)
    (corrected,) = volunteers.list_hours(window.db, robin.id).rows
    assert corrected.id == saved.id and corrected.hours == 3.75
    assert corrected.activity == "Planning the summer outing"
    assert record.hours.table.item(0, 1).text() == "3.75"

    back_to(qtbot, record)
    record.hours.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    deleting = shown(qtbot, window, HoursDialog)
    assert deleting.delete_button is not None
    with messages.headless([True]) as asked:
        deleting.delete_button.setFocus()
        press(qtbot, Qt.Key.Key_Space)
    assert [m.title for m in asked] == ["Delete these hours?"]
    gone(qtbot, deleting)
    assert volunteers.list_hours(window.db, robin.id).total == 0
    assert record.hours.total.text() == "None yet"


def approve_when_previewed(qtbot: QtBot) -> list[str]:
    """Press "Include this story" in the next redaction preview; returns the text it showed."""
    seen: list[str] = []

    def answer() -> None:
        visible = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RedactionPreview) and w.isVisible()
        ]
        if not visible:
            QTimer.singleShot(20, answer)
            return
        seen.append(visible[0].story.toPlainText())
        qtbot.mouseClick(visible[0].include, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_a_case_study_written_approved_and_put_in_a_return(
    qtbot: QtBot, window: MainWindow, one_person: Path
) -> None:
    amara, record = open_amaras_record(qtbot, window, one_person)
    assert window.db is not None

    press(qtbot, Qt.Key.Key_D, ALT)  # Write a case stu&dy…
    form = shown(qtbot, window, CaseStudyDialog)
    assert "agreed to share their story" in form.consent_note.text()
    assert QApplication.focusWidget() is form.title
    type_text(qtbot, "Finding my feet")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.story
    type_text(qtbot, f"{NAME} first came with {FRIEND}. Now she runs the Tuesday walk.")
    press(qtbot, Qt.Key.Key_A, ALT)  # They &agreed to this story being shared
    qtbot.waitUntil(form.share.isChecked)
    save_keys(qtbot)
    gone(qtbot, form)
    (story,) = case_studies.list_case_studies(window.db, amara.id).rows
    assert (story.title, story.consent_to_share) == ("Finding my feet", True)
    assert story.text == f"{NAME} first came with {FRIEND}. Now she runs the Tuesday walk."

    back_to(qtbot, record)
    press(qtbot, Qt.Key.Key_I, ALT)  # Case stud&ies…: the list shows it
    listed = shown(qtbot, window, PersonCaseStudies)
    assert listed.list.count() == 1
    assert listed.list.item(0).text().startswith("Finding my feet (written ")
    press(qtbot, Qt.Key.Key_Escape)
    gone(qtbot, listed)
    record.reject()
    gone(qtbot, record)

    back_to(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, section_key("Returns"), CTRL)
    assert window.workspace is not None
    screen = window.workspace.screen_at(window.workspace.current_index)
    assert isinstance(screen, ReturnsScreen)
    picker = screen.picker
    assert [picker.list.item(r).data(ID_ROLE) for r in range(picker.list.count())] == [story.id]
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    seen = approve_when_previewed(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # Enter reads the story as the return will hold it
    qtbot.waitUntil(lambda: len(picker.chosen()) == 1)
    redacted = "[name] first came with [name]. Now she runs the Tuesday walk."
    assert seen == [f"Finding my feet\n\n{redacted}"]

    today = date.today()
    built = build_return(
        window.db,
        Period(today - timedelta(days=90), today),
        "Alliance return",
        chosen_case_studies=picker.chosen(),
    )
    (section,) = [s for s in built.sections if s.code == "case_studies"]
    assert [(t.title, t.text) for t in section.texts] == [("Finding my feet", redacted)]
    assert NAME not in str(built) and FRIEND not in str(built)


def test_the_story_is_edited_from_the_return_and_approved_again(
    qtbot: QtBot, window: MainWindow, one_person: Path
) -> None:
    unlock(qtbot, window, one_person)
    assert window.db is not None
    amara = people.find_people(window.db, NAME)[0]
    story = case_studies.add_case_study(
        window.db, CaseStudy(amara.id, date.today(), "Walks", "She met Jo at the Red Lion.", True)
    )
    press(qtbot, section_key("Returns"), CTRL)
    assert window.workspace is not None
    screen = window.workspace.screen_at(window.workspace.current_index)
    assert isinstance(screen, ReturnsScreen)
    picker = screen.picker
    picker.list.setCurrentRow(0)
    picker.approve(story.id, shareable_case_study(window.db, story.id))
    assert len(picker.chosen()) == 1
    picker.list.setFocus()
    press(qtbot, Qt.Key.Key_Y, ALT)  # Edit the stor&y…
    form = shown(qtbot, window, CaseStudyDialog)
    form.story.setFocus()
    form.story.selectAll()
    type_text(qtbot, "She met a friend at the pub.")
    save_keys(qtbot)
    gone(qtbot, form)
    assert case_studies.get_case_study(window.db, story.id).text == "She met a friend at the pub."
    assert picker.chosen() == (), "an edited story must be read and approved again"

    back_to(qtbot, window)
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    QTimer.singleShot(0, lambda: press_edit_first(qtbot))
    press(qtbot, Qt.Key.Key_Return)  # the preview, whose "Edit the story first…" opens it
    again = shown(qtbot, window, CaseStudyDialog)
    again.title.setFocus()
    again.title.selectAll()
    type_text(qtbot, "Out walking")
    save_keys(qtbot)
    gone(qtbot, again)
    assert case_studies.get_case_study(window.db, story.id).title == "Out walking"
    assert picker.chosen() == ()


def press_edit_first(qtbot: QtBot) -> None:
    """Press "Edit the story first…" in the redaction preview once it shows."""
    visible = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, RedactionPreview) and w.isVisible()
    ]
    if not visible:
        QTimer.singleShot(20, lambda: press_edit_first(qtbot))
        return
    qtbot.mouseClick(visible[0].edit, Qt.MouseButton.LeftButton)


def test_a_facilitator_added_while_logging_the_first_session(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)  # a new database: nobody in it yet
    assert window.db is not None
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = shown(qtbot, window, SessionDialog)
    press(qtbot, Qt.Key.Key_F, ALT)
    type_text(qtbot, "Jo Bloggs")
    offered = [form.facilitators.suggestions.item(r).text() for r in range(1)]
    assert offered == ["Add “Jo Bloggs” as a new volunteer"]
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_A, ALT)
    type_text(qtbot, "Sam Reyes")  # a new person too
    press(qtbot, Qt.Key.Key_Return)
    with messages.headless() as asked:
        save_keys(qtbot)
        gone(qtbot, form)
    assert asked == [], "a session with a facilitator saves without a question"
    (row,) = sessions.list_sessions(window.db).rows
    detail = sessions.session_detail(window.db, row.id)
    assert [(v.name, v.ref) for v in detail.facilitators] == [("Jo Bloggs", "V-0001")]
    assert [p.known_as for p in detail.attendees] == ["Sam Reyes"]
    assert [v.name for v in volunteers.list_volunteers(window.db)] == ["Jo Bloggs"]


def test_a_group_with_no_facilitator_is_saved_only_after_a_warning(
    qtbot: QtBot, window: MainWindow, one_person: Path
) -> None:
    unlock(qtbot, window, one_person)
    assert window.db is not None
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = shown(qtbot, window, SessionDialog)
    assert form.kind.code() == "group" and form.facilitators.choices() == []
    type_text(qtbot, "Amara")
    press(qtbot, Qt.Key.Key_Return)
    with messages.headless([False]) as asked:
        save_keys(qtbot)
    assert [m.title for m in asked] == ["Save with no facilitator?"]
    assert "type their name under Facilitators" in asked[0].text
    assert form.isVisible() and sessions.list_sessions(window.db).total == 0
    assert form.facilitators.search_box.hasFocus(), "back where a facilitator is added"
    with messages.headless([True]):
        save_keys(qtbot)
    gone(qtbot, form)
    (row,) = sessions.list_sessions(window.db).rows
    assert sessions.session_detail(window.db, row.id).facilitators == []
