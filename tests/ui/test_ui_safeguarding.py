"""The safeguarding log through the real main window, by keyboard where a person would use it:
a concern raised from a saved session, an action added, then opened from the Safeguarding
section and marked resolved; a concern raised while logging a new session (saved first). Each
ends by reading back what was stored through the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import home, people, safeguarding, sessions
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
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

NAME, FRIEND = "Amara Okoye", "Ben Carter"


@pytest.fixture
def a_session(created: CreatedDatabase) -> Path:
    db = created.database
    amara = people.add_person(db, Person(NAME))
    ben = people.add_person(db, Person(FRIEND))
    sessions.log_session(db, Session(date.today(), "group", attendee_ids=(amara.id, ben.id)))
    db.close()
    return db.folder


def test_a_concern_raised_from_a_session_acted_on_and_resolved(
    qtbot: QtBot, window: MainWindow, a_session: Path
) -> None:
    unlock(qtbot, window, a_session)
    assert window.db is not None
    db = window.db
    open_first_in_section(qtbot, window, section_key("Sessions"))
    session_form = shown(qtbot, window, SessionDialog)
    press(qtbot, Qt.Key.Key_C, ALT)  # Raise a safeguarding &concern…
    form = shown(qtbot, window, ConcernDialog)
    assert form.session.text().startswith("Group peer support session on")
    form.person.search_box.setFocus()
    type_text(qtbot, "Amara")
    press(qtbot, Qt.Key.Key_Return)
    form.kind.setFocus()
    form.kind.set_code("self_neglect")
    form.what_happened.setFocus()
    type_text(qtbot, "Has not eaten properly for a week")
    form.passed_to.setFocus()
    type_text(qtbot, "Our safeguarding lead")
    form.action_fields.what.setFocus()
    type_text(qtbot, "Rang the safeguarding lead")
    press(qtbot, Qt.Key.Key_Return)  # adds the action to the list
    assert form.action_fields.listed.count() == 1
    save_keys(qtbot)
    gone(qtbot, form)
    qtbot.waitUntil(lambda: "1 open" in session_form.concerns_note.text())
    (raised,) = safeguarding.list_concerns(db).rows
    assert raised.person_name == NAME and raised.concern.is_open

    session_form.activateWindow()
    qtbot.waitUntil(session_form.isActiveWindow)
    press(qtbot, Qt.Key.Key_Escape)  # nothing changed in the session: it closes
    gone(qtbot, session_form)
    back_to(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    open_first_in_section(qtbot, window, section_key("Safeguarding"))
    again = shown(qtbot, window, ConcernDialog)
    assert again.what_happened.toPlainText() == "Has not eaten properly for a week"
    again.action_fields.what.setFocus()
    type_text(qtbot, "Checked in by phone; eating again")
    again.action_fields.by_whom.setFocus()
    type_text(qtbot, "Jo")
    press(qtbot, Qt.Key.Key_R, ALT)  # Mark &resolved (the typed action is kept with it)
    qtbot.waitUntil(lambda: not shiboken6.isValid(again) or not again.isVisible())

    (row,) = safeguarding.list_concerns(db).rows
    c = row.concern
    assert c.id == raised.concern.id
    assert (c.kind, c.passed_to, c.resolved_on) == (
        "self_neglect",
        "Our safeguarding lead",
        date.today(),
    )
    assert c.resolved_by == db.unlocked_by.user_id and c.raised_by == db.unlocked_by.user_id
    assert c.session_id == sessions.list_sessions(db).rows[0].id
    assert [(a.what, a.by_whom) for a in c.actions] == [
        ("Rang the safeguarding lead", ""),
        ("Checked in by phone; eating again", "Jo"),
    ]
    assert home.attention(db).open_concerns == []


def test_a_concern_raised_while_logging_a_new_session_saves_the_session_first(
    qtbot: QtBot, window: MainWindow, a_session: Path
) -> None:
    unlock(qtbot, window, a_session)
    assert window.db is not None
    db = window.db
    press(qtbot, Qt.Key.Key_N, CTRL)
    session_form = shown(qtbot, window, SessionDialog)
    session_form.kind.set_code("drop_in")
    session_form.headcount.setValue(5)
    session_form.notes.setPlainText("Busy morning")
    session_form.raise_concern_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)  # Save the session and raise a safeguarding concern…
    gone(qtbot, session_form)
    form = shown(qtbot, window, ConcernDialog)
    saved = [s for s in sessions.list_sessions(db).rows if s.kind == "drop_in"]
    assert len(saved) == 1 and sessions.get_session(db, saved[0].id).notes == "Busy morning"
    form.kind.set_code("financial")
    form.what_happened.setFocus()
    type_text(qtbot, "Someone said a relative takes their money")
    save_keys(qtbot)
    gone(qtbot, form)
    (row,) = safeguarding.list_concerns(db).rows
    assert row.concern.session_id == saved[0].id and row.concern.person_id is None
    assert row.session_kind == "drop_in" and row.concern.is_open
    assert [c.concern.id for c in home.attention(db).open_concerns] == [row.concern.id]
