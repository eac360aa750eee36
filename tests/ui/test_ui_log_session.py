"""Logging the weekly group from the keyboard alone, and what happens when it cannot be saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import home, people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.sessions import LoggedSession
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock

REGULARS = [
    "Aisha Rahman",
    "Ben Okafor",
    "Carys Lloyd",
    "Dmitri Petrov",
    "Eilidh Fraser",
    "Femi Adeyemi",
    "Gwen Harris",
    "Hamza Iqbal",
]
FACILITATOR = "Robin Ashworth"


@pytest.fixture
def group_db(created: CreatedDatabase) -> Path:
    """A database with eight regulars and one volunteer, closed as the app finds it."""
    db = created.database
    for name in REGULARS:
        people.add_person(db, Person(known_as=name))
    volunteers.add_volunteer(db, Volunteer(name=FACILITATOR))
    db.close()
    return db.folder


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press sent where the keyboard focus is, as a user's would be."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(target, text)


def log_dialog(qtbot: QtBot, window: MainWindow) -> SessionDialog:
    assert window.workspace is not None
    qtbot.waitUntil(lambda: bool(window.workspace and window.workspace.open_dialogs()))
    (dialog,) = window.workspace.open_dialogs()
    assert isinstance(dialog, SessionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_weekly_group_logged_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, group_db: Path, visible_texts: Callable[[], str]
) -> None:
    unlock(qtbot, window, group_db)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = log_dialog(qtbot, window)
    assert dialog.date.value() == date.today()
    assert QApplication.focusWidget() is dialog.attendees.search_box

    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, "robin")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # record their hours too
    qtbot.waitUntil(dialog.record_hours.isChecked)  # Alt+letter clicks after a short animation
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    for name in REGULARS:
        type_text(qtbot, name.split()[0][:4])
        press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Newcomer Nia")  # nobody matches: added as a new person
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)  # back in the main window
    assert QApplication.focusWidget().window() is window
    db = window.db
    assert db is not None
    listed = sessions.list_sessions(db)
    assert listed.total == 1
    (row,) = listed.rows
    assert row.registered == 9 and row.facilitators == FACILITATOR
    assert people.find_people(db, "Newcomer Nia")[0].known_as == "Newcomer Nia"
    assert volunteers.total_hours(db) == pytest.approx(1.5)

    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Sessions
    assert window.workspace is not None
    screen = window.workspace.screen_at(1)
    assert screen.isVisible()
    assert "9" in visible_texts() and FACILITATOR in visible_texts()
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Home
    home_screen = window.workspace.screen_at(0)
    assert home_screen.isVisible()
    assert home_screen.tiles["sessions"].number.text() == "1"  # type: ignore[attr-defined]
    assert home_screen.tiles["attendances"].number.text() == "9"  # type: ignore[attr-defined]
    assert home.month_figures(db).sessions == 1


def test_next_week_starts_from_last_week(qtbot: QtBot, window: MainWindow, group_db: Path) -> None:
    db = open_database(group_db, PASSPHRASE)
    robin = volunteers.list_volunteers(db)[0]
    regulars = [people.find_people(db, name)[0].id for name in REGULARS]
    sessions.log_session(
        db,
        Session(
            held_on=date.today() - timedelta(days=7),
            kind="group",
            venue="Community Hall",
            minutes=120,
            facilitator_ids=(robin.id,),
            attendee_ids=tuple(regulars),
        ),
    )
    db.close()
    unlock(qtbot, window, group_db)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = log_dialog(qtbot, window)
    assert dialog.venue.currentText() == "Community Hall"
    assert dialog.minutes.value() == 120
    assert dialog.facilitators.chosen_ids() == [robin.id]
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # same people as last time
    qtbot.waitUntil(lambda: dialog.attendees.chosen_ids() == regulars)  # a short click animation
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.db is not None
    assert sessions.list_sessions(window.db).total == 2


def test_problems_show_beside_the_fields_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, group_db: Path
) -> None:
    unlock(qtbot, window, group_db)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = log_dialog(qtbot, window)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # nobody added
    assert dialog.isVisible()
    assert "Nobody is recorded as coming" in dialog.attendees_error.text()
    assert dialog.attendees_error.isVisible()

    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, "25:99")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "is not a time" in dialog.start_error.text()
    assert QApplication.focusWidget() is dialog.start_time
    assert window.db is not None
    assert sessions.list_sessions(window.db).total == 0
    assert people.list_people(window.db).total == len(REGULARS)


def test_one_to_one_needs_exactly_one_person(
    qtbot: QtBot, window: MainWindow, group_db: Path
) -> None:
    unlock(qtbot, window, group_db)
    assert window.workspace is not None
    window.workspace.open_session(None)
    dialog = log_dialog(qtbot, window)
    dialog.kind.set_code("one_to_one")
    for name in REGULARS[:2]:
        type_text(qtbot, name)
        press(qtbot, Qt.Key.Key_Return)
    dialog.save()
    assert "exactly one person" in dialog.attendees_error.text()
    assert window.db is not None
    assert sessions.list_sessions(window.db).total == 0


def unlock_with_a_drop_in(
    qtbot: QtBot, window: MainWindow, group_db: Path
) -> tuple[Person, LoggedSession]:
    """Unlock, and log today's drop-in with Aisha, as if on the day."""
    unlock(qtbot, window, group_db)
    assert window.db is not None
    person = people.find_people(window.db, "Aisha")[0]
    logged = sessions.log_session(
        window.db, Session(held_on=date.today(), kind="drop_in", attendee_ids=(person.id,))
    )
    return person, logged


def test_open_a_session_change_it_and_delete_it(
    qtbot: QtBot, window: MainWindow, group_db: Path, shown_messages: list
) -> None:
    _aisha, logged = unlock_with_a_drop_in(qtbot, window, group_db)
    assert window.db is not None and window.workspace is not None
    window.workspace.records_changed()
    window.workspace.show_section(1)
    table = window.workspace.screen_at(1).table  # type: ignore[attr-defined]
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = log_dialog(qtbot, window)
    assert dialog.existing is not None and dialog.existing.id == logged.session.id
    dialog.headcount.setValue(4)
    dialog.save()
    assert sessions.get_session(window.db, logged.session.id).anonymous_headcount == 4

    window.workspace.open_session(logged.session.id)
    dialog = log_dialog(qtbot, window)
    shown_messages.clear()
    dialog.delete()  # the question is answered "No"
    assert shown_messages[0].title == "Delete this session?"
    assert sessions.list_sessions(window.db).total == 1
    from desktop_app.ui.common import messages

    with messages.headless([True]):
        dialog.delete()
    assert sessions.list_sessions(window.db).total == 0


def test_someone_new_can_be_added_while_correcting_a_session(
    qtbot: QtBot, window: MainWindow, group_db: Path
) -> None:
    person, logged = unlock_with_a_drop_in(qtbot, window, group_db)
    assert window.db is not None and window.workspace is not None
    window.workspace.open_session(logged.session.id)
    dialog = log_dialog(qtbot, window)
    dialog.attendees.search_box.setFocus()
    type_text(qtbot, "Forgotten Fola")  # nobody matches: added as a new person
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (fola,) = people.find_people(window.db, "Forgotten Fola")
    assert sessions.get_session(window.db, logged.session.id).attendee_ids == (person.id, fola.id)
