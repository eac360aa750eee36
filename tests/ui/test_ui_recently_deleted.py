"""Undo a deletion through the window: delete a session from its form, put it back from
Records → Recently deleted…, and read it back from the database."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import messages
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.recently_deleted_window import RecentlyDeletedWindow
from tests.ui.conftest import unlock


def test_a_session_deleted_by_mistake_is_put_back(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    db = created.database
    ada = people.add_person(db, Person(known_as="Ada"))
    session = sessions.log_session(
        db, Session(held_on=date(2026, 11, 3), kind="group", attendee_ids=(ada.id,))
    ).session
    folder = db.folder
    db.close()
    unlock(qtbot, window, folder)
    assert window.workspace is not None
    window.workspace.open_session(session.id)
    (form,) = window.workspace.open_dialogs()
    assert isinstance(form, SessionDialog)
    with messages.headless([True]):  # "Delete the session?" Yes
        form.delete()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Recently deleted" in window.statusBar().currentMessage()
    unlocked = window.db
    assert unlocked is not None
    assert sessions.list_sessions(unlocked).total == 0

    window.deleted_action.trigger()
    (bin_window,) = window.workspace.findChildren(RecentlyDeletedWindow)
    assert bin_window.entries.count() == 1
    assert "Group peer support" in bin_window.entries.item(0).text()
    bin_window.put_back_button.click()
    assert bin_window.entries.count() == 0
    assert window.statusBar().currentMessage() == "Session put back."
    assert sessions.get_session(unlocked, session.id).attendee_ids == (ada.id,)
