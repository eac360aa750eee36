"""Lock (Ctrl+L) closes the database and leaves no record text in any visible widget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import unlock

ORGANISATION = "Test Group"  # the `created` fixture's organisation name


def test_ctrl_l_locks_and_hides_every_record(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    db_folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, db_folder)
    db = window.db
    assert db is not None
    assert ORGANISATION in visible_texts(), "the test must see the record text before locking"
    assert window.lock_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.db is None
    assert not db.is_open
    assert ORGANISATION not in visible_texts()
    assert window.stack.currentWidget() is window.start
    assert window.start.selected_folder == db_folder.resolve()
    assert QApplication.focusWidget() is window.start.unlock_panel.passphrase
    assert not window.lock_action.isEnabled()
    assert window.windowTitle() == "PeerLog"


def test_unlocking_again_after_lock(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    window.lock()
    unlock(qtbot, window, created.database.folder)
    assert window.db is not None
    assert window.db.setting("organisation_name") == ORGANISATION


def test_lock_hides_names_from_lists_dialogs_and_home(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    db = created.database
    secret_name = "Zebedee Quartermaine"
    person = people.add_person(db, Person(known_as=secret_name))
    volunteer = volunteers.add_volunteer(db, Volunteer(name="Philippa Volunteer"))
    sessions.log_session(
        db,
        Session(
            held_on=date.today(),
            kind="group",
            venue="Secret Garden Room",
            attendee_ids=(person.id,),
            facilitator_ids=(volunteer.id,),
        ),
    )
    db.close()
    unlock(qtbot, window, db.folder)
    assert window.workspace is not None
    for index in range(len(window.workspace.sections)):
        window.workspace.show_section(index)
    window.workspace.show_section(1)
    window.workspace.open_person(person.id)
    qtbot.waitUntil(lambda: bool(window.workspace and window.workspace.open_dialogs()))
    shown = visible_texts()
    assert secret_name in shown and "Secret Garden Room" in shown

    window.lock()

    shown = visible_texts()
    for text in (secret_name, "Secret Garden Room", "Philippa Volunteer", ORGANISATION):
        assert text not in shown
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
