"""Find anything (Ctrl+F), from the keyboard, on a real encrypted database: what is found, and
that Enter opens the very record found."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.services.find import find_anything
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import unlock


def _records(db: Database) -> dict[str, str]:
    ada = people.add_person(db, Person(known_as="Ada Lovelace", ref="P-0100"))
    old = people.add_person(db, Person(known_as="Adam Old"))
    people.archive_person(db, old.id)
    people.add_person(db, Person(known_as="Grace Hopper"))
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin Adair"))
    held = sessions.log_session(
        db,
        Session(
            held_on=date(2026, 11, 3),
            kind="group",
            venue="Adelphi Community Hall",
            attendee_ids=(ada.id,),
            facilitator_ids=(robin.id,),
        ),
    ).session
    return {"ada": ada.id, "old": old.id, "robin": robin.id, "session": held.id}


def test_find_anything_looks_in_people_volunteers_and_sessions(db: Database) -> None:
    ids = _records(db)
    found = find_anything(db, "ad")
    assert [(f.kind, f.id) for f in found.people] == [
        ("person", ids["ada"]),
        ("person", ids["old"]),
    ]
    assert found.people[1].detail.endswith("(archived)")
    assert [f.id for f in found.volunteers] == [ids["robin"]]
    assert [f.id for f in found.sessions] == [ids["session"]]
    assert found.sessions[0].title == "3 November 2026, Group peer support"
    assert found.sessions[0].detail == "Adelphi Community Hall"
    assert find_anything(db, "P-0100").people[0].id == ids["ada"]
    assert find_anything(db, "a").everything == []  # one letter: too little to look for
    assert find_anything(db, "zzz").everything == []
    assert find_anything(db, "ad", each=1).more


def test_ctrl_f_down_enter_opens_the_person_found(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    ids = _records(created.database)
    folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, folder)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is not None
    finder = window.workspace._find
    assert finder is not None and finder.isVisible()
    finder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is finder.box)

    qtbot.keyClicks(finder.box, "lovelace")
    qtbot.waitUntil(lambda: "1 found" in finder.status.text(), timeout=5000)
    qtbot.keyClick(finder.box, Qt.Key.Key_Down)
    assert finder.results.hasFocus()
    qtbot.keyClick(finder.results, Qt.Key.Key_Up)  # back to the box
    assert finder.box.hasFocus()
    qtbot.keyClick(finder.box, Qt.Key.Key_Down)
    qtbot.keyClick(finder.results, Qt.Key.Key_Return)
    (dialog,) = window.workspace.open_dialogs()
    assert isinstance(dialog, PersonDialog)
    assert dialog.existing is not None and dialog.existing.id == ids["ada"]
    assert dialog.known_as.text() == "Ada Lovelace"


def test_a_session_is_found_by_its_venue_and_opens(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    ids = _records(created.database)
    folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, folder)
    window.find_action.trigger()
    assert window.workspace is not None
    finder = window.workspace._find
    assert finder is not None
    finder.box.setText("adelphi")
    qtbot.waitUntil(lambda: "1 found" in finder.status.text(), timeout=5000)
    texts = [finder.results.item(i).text() for i in range(finder.results.count())]
    assert texts[0] == "Sessions"  # a heading, then the session
    assert "Adelphi Community Hall" in texts[1]
    qtbot.keyClick(finder.box, Qt.Key.Key_Return)  # Enter in the box opens the first
    (dialog,) = window.workspace.open_dialogs()
    assert isinstance(dialog, SessionDialog) and dialog.existing is not None
    assert dialog.existing.id == ids["session"]
    finder.box.setText("nobody here")
    qtbot.waitUntil(lambda: "Nothing matches" in finder.status.text(), timeout=5000)
    window.lock()
    assert window.workspace is None  # the Find window, holding names, went with it
