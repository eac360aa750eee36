"""Journeys through the real main window on a real encrypted database: a phone number typed in
the record of someone who agreed to be contacted, saved and read back through the services;
their whole story opened from the record, a session line opened with Enter showing that
session; a score line opened in its correcting form; the story gone at a lock. And the contact
fields disabled, with a note, for someone who has not agreed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Consent, Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import outcomes, people, sessions, volunteers
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.contact_fields import NOT_AGREED
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.story.story_window import StoryWindow
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.ui.conftest import unlock
from tests.ui.test_ui_journeys_corrections import (
    ALT,
    CTRL,
    back_to,
    gone,
    open_first_in_section,
    save_keys,
    section_key,
    shown,
)
from tests.ui.test_ui_log_session import press, type_text

NAME = "Amara Okoye"
EARLIER, LATER = date.today() - timedelta(days=20), date.today() - timedelta(days=6)


@pytest.fixture
def history(created: CreatedDatabase) -> Path:
    """Amara agreed to be contacted and came to two sessions; a score was recorded."""
    db = created.database
    said_yes = Consent(date.today() - timedelta(days=30), "written", True, True, False)
    amara = people.add_person(db, Person(known_as=NAME, consent=said_yes))
    people.add_person(db, Person(known_as="Zed Not-Asked"))
    jo = volunteers.add_volunteer(db, Volunteer(name="Jo Facilitator"))
    for held_on, venue in ((EARLIER, "Church hall"), (LATER, "Library room")):
        sessions.log_session(
            db,
            Session(
                held_on, "group", venue=venue, attendee_ids=(amara.id,), facilitator_ids=(jo.id,)
            ),
            facilitator_hours=None,
        )
    volunteers.record_hours(db, VolunteerHours.of_hours(jo.id, LATER, 1.5, "Preparation"))
    outcomes.record_outcome(db, amara.id, "ONS4", Stage.BASELINE, EARLIER, [6, 7, 5, 3])
    db.close()
    return db.folder


def test_a_phone_number_saved_then_their_story_opens_a_session(
    qtbot: QtBot, window: MainWindow, history: Path
) -> None:
    unlock(qtbot, window, history)
    assert window.db is not None
    amara = people.find_people(window.db, NAME)[0]
    open_first_in_section(qtbot, window, section_key("People"))  # Amara is first
    record = shown(qtbot, window, PersonDialog)
    assert record.contact.phone.isEnabled() and not record.contact.why_not.isVisible()
    record.contact.phone.setFocus()
    type_text(qtbot, "07700 900123")
    press(qtbot, Qt.Key.Key_K, ALT)  # Keep in touch by:
    record.contact.preferred.setCurrentIndex(record.contact.preferred.findText("Text message"))
    save_keys(qtbot)
    gone(qtbot, record)
    stored = people.get_person(window.db, amara.id).contact
    assert (stored.phone, stored.email, stored.preferred) == ("07700 900123", "", "text_message")

    back_to(qtbot, window)
    open_first_in_section(qtbot, window, section_key("People"))
    record = shown(qtbot, window, PersonDialog)
    assert record.contact.phone.text() == "07700 900123"
    press(qtbot, Qt.Key.Key_Y, ALT)  # Their whole stor&y…
    story = shown(qtbot, window, StoryWindow)
    lines = story.lines()
    assert [(line.on, line.text) for line in lines if line.opens == "session"] == [
        (LATER, "Group peer support, Library room"),
        (EARLIER, "Group peer support, Church hall"),
    ], "newest first"
    assert [line.opens for line in lines] == ["session", "session", "score", ""]  # + consent
    assert story.chosen_line() == lines[0]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)  # the earlier session
    session_form = shown(qtbot, window, SessionDialog)
    assert session_form.date.value() == EARLIER
    assert session_form.venue.currentText() == "Church hall"
    assert session_form.attendees.chosen_ids() == [amara.id]
    press(qtbot, Qt.Key.Key_Escape)
    gone(qtbot, session_form)

    back_to(qtbot, story)
    assert story.chosen_line() == lines[1], "still on the session opened"
    press(qtbot, Qt.Key.Key_Down)  # the heading "Wellbeing scores (1)"
    press(qtbot, Qt.Key.Key_Down)  # its score
    assert story.chosen_line() == lines[2]
    press(qtbot, Qt.Key.Key_Return)
    correcting = shown(qtbot, window, OutcomeForm)
    assert correcting.windowTitle() == "Correct a wellbeing measure"
    assert correcting.answers() == [6, 7, 5, 3]
    press(qtbot, Qt.Key.Key_Escape)
    gone(qtbot, correcting)

    back_to(qtbot, story)
    press(qtbot, Qt.Key.Key_L, CTRL)  # Lock: the story shows records, so it goes
    assert window.db is None
    assert not [w for w in window.findChildren(StoryWindow) if w.isVisible()]


def test_contact_fields_wait_for_agreement(qtbot: QtBot, window: MainWindow, history: Path) -> None:
    unlock(qtbot, window, history)
    assert window.db is not None
    zed = people.find_people(window.db, "Zed")[0]
    assert window.workspace is not None
    window.workspace.open_person(zed.id)
    record = shown(qtbot, window, PersonDialog)
    assert not record.contact.phone.isEnabled()
    assert record.contact.why_not.isVisible() and record.contact.why_not.text() == NOT_AGREED
    record.consent.setChecked(True)
    record.consent.keep_data.setChecked(True)
    assert not record.contact.phone.isEnabled()
    record.consent.be_contacted.setChecked(True)
    assert record.contact.phone.isEnabled() and not record.contact.why_not.isVisible()
    record.contact.email.setFocus()
    type_text(qtbot, "zed@example")
    save_keys(qtbot)
    assert record.isVisible(), "not saved: the email address is not whole"
    problems = [e.problem for e in record.findChildren(FieldError) if e.problem]
    assert any("not an email address" in problem for problem in problems)
    assert people.get_person(window.db, zed.id).contact.is_empty()


def test_a_volunteers_story_opens_an_hours_entry(
    qtbot: QtBot, window: MainWindow, history: Path
) -> None:
    unlock(qtbot, window, history)
    assert window.db is not None
    open_first_in_section(qtbot, window, section_key("Volunteers"))  # Jo is the only one
    record = shown(qtbot, window, VolunteerDialog)
    press(qtbot, Qt.Key.Key_W, ALT)  # Their &whole story…
    story = shown(qtbot, window, StoryWindow)
    assert [(line.opens, line.on) for line in story.lines()] == [
        ("session", LATER),
        ("session", EARLIER),
        ("hours", LATER),
    ]
    story.choose(story.lines()[2])
    press(qtbot, Qt.Key.Key_Return)
    entry = shown(qtbot, window, HoursDialog)
    assert entry.existing is not None and entry.existing.activity == "Preparation"
    press(qtbot, Qt.Key.Key_Escape)
    gone(qtbot, entry)
    back_to(qtbot, story)
    press(qtbot, Qt.Key.Key_Escape)
    gone(qtbot, story)
    assert record.isVisible()
