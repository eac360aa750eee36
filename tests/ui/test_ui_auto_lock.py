"""Auto-lock: after the idle time (a short one here) and when the application is suspended,
PeerLog locks like Ctrl+L; forms being edited become drafts inside the encrypted database and
are offered again after unlocking, on the same screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.drafts import DraftKind
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import databases, drafts, people, sessions
from desktop_app.services.protection import erasure
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock

SECRET = "Zebedee Quartermaine"
IDLE_MS = 300


def unlock_with_short_idle(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> None:
    window.idle.interval_override_ms = IDLE_MS
    created.database.close()
    unlock(qtbot, window, created.database.folder)


def wait_for_lock(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.db is None, timeout=10_000)
    # back to the usual minutes: on a busy machine, unlocking and opening the drafts again can
    # take longer than the short idle time, which would lock again before the test looks
    window.idle.interval_override_ms = None


def test_idle_locks_keeps_the_form_as_a_draft_and_offers_it_again(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    unlock_with_short_idle(qtbot, window, created)
    assert window.idle.active
    assert window.workspace is not None
    window.workspace.show_section(2)  # People
    window.workspace.open_person(None)
    (dialog,) = window.workspace.open_dialogs()
    qtbot.keyClicks(dialog.known_as, SECRET)  # type: ignore[attr-defined]
    dialog.notes.setPlainText("Met at the allotment")  # type: ignore[attr-defined]

    wait_for_lock(qtbot, window)
    assert SECRET not in visible_texts()
    assert "allotment" not in visible_texts()
    assert "locked itself after 5 minutes" in window.statusBar().currentMessage()
    folder = created.database.folder
    raw = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert SECRET.encode() not in raw, "the draft is inside the encrypted database"
    peek = databases.open_database(folder, PASSPHRASE)
    try:
        (kept,) = drafts.my_drafts(peek)
        assert kept.kind == "person" and kept.fields["Name they are known by"] == SECRET
    finally:
        peek.close()

    unlock(qtbot, window, folder)
    assert window.workspace is not None
    assert window.workspace.current_index == 2, "back on the same screen"
    (again,) = window.workspace.open_dialogs()
    assert isinstance(again, PersonDialog)
    assert again.known_as.text() == SECRET
    assert again.notes.toPlainText() == "Met at the allotment"
    assert "draft" in again.windowTitle()
    assert window.db is not None and drafts.my_drafts(window.db) == []
    again.save()
    assert [p.known_as for p in people.list_people(window.db).rows] == [SECRET]


def test_a_form_not_changed_is_closed_without_a_draft(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    person = people.add_person(created.database, Person(SECRET))
    unlock_with_short_idle(qtbot, window, created)
    assert window.workspace is not None
    window.workspace.open_person(person.id)
    wait_for_lock(qtbot, window)
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None and window.workspace.open_dialogs() == []


def test_session_and_outcome_forms_come_back_whole(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    db = created.database
    person = people.add_person(db, Person(SECRET))
    held = date.today() - timedelta(days=2)
    logged = sessions.log_session(db, Session(held, "group", attendee_ids=(person.id,)))
    unlock_with_short_idle(qtbot, window, created)
    assert window.workspace is not None
    window.workspace.open_session(logged.session.id)
    (session_form,) = window.workspace.open_dialogs()
    assert isinstance(session_form, SessionDialog)
    session_form.venue.setCurrentText("Church hall")
    session_form.headcount.setValue(3)
    session_form.attendees.chosen.setCurrentRow(0)
    session_form.measure_button.click()
    (outcome,) = [f for f in session_form.findChildren(OutcomeForm) if f.isVisible()]
    outcome.measure_box.setCurrentIndex(outcome.measure_box.findData("SWEMWBS"))
    for box, value in zip(outcome.boxes, [3, 4, 2, 5, 1, 3, 4], strict=True):
        box.setValue(value)

    wait_for_lock(qtbot, window)
    unlock(qtbot, window, db.folder)
    assert window.workspace is not None
    (session_again,) = window.workspace.open_dialogs()
    assert isinstance(session_again, SessionDialog)
    assert session_again.venue.currentText() == "Church hall"
    assert session_again.headcount.value() == 3
    assert session_again.attendees.chosen_ids() == [person.id]
    (outcome_again,) = [f for f in window.workspace.findChildren(OutcomeForm) if f.isVisible()]
    assert outcome_again.person_id == person.id
    assert outcome_again.measure.code == "SWEMWBS"
    assert outcome_again.answers() == [3, 4, 2, 5, 1, 3, 4]
    assert outcome_again.date_edit.date().toPython() == held
    assert "Total 22" in outcome_again.summary.text()


def test_suspended_application_locks_at_once(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    window.idle.interval_override_ms = 3_600_000  # idle never comes in this test
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert window.db is None
    assert "when the computer was locked" in window.statusBar().currentMessage()


def test_activity_restarts_the_countdown(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    window.idle.interval_override_ms = 3_600_000
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    qtbot.wait(200)
    before = window.idle.timer.remainingTime()
    assert window.workspace is not None
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Down)
    assert window.idle.timer.remainingTime() > before
    window.lock()
    assert not window.idle.active, "no countdown while locked"


def test_ctrl_l_keeps_a_volunteer_form_with_its_training(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    unlock_with_short_idle(qtbot, window, created)
    window.idle.interval_override_ms = None
    assert window.workspace is not None
    window.workspace.open_volunteer(None)
    (form,) = window.workspace.open_dialogs()
    assert isinstance(form, VolunteerDialog)
    form.name.setText("Priya Shah")
    form.training.course.setText("Safeguarding adults")
    form.training.add_entered()
    assert len(form.training.training()) == 1

    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.db is None
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None
    (again,) = window.workspace.open_dialogs()
    assert isinstance(again, VolunteerDialog)
    assert again.name.text() == "Priya Shah"
    assert [t.course for t in again.training.training()] == ["Safeguarding adults"]


def test_erasing_a_person_removes_drafts_of_their_forms(created: CreatedDatabase) -> None:
    db = created.database
    person = people.add_person(db, Person(SECRET))
    other = people.add_person(db, Person("Someone Else"))
    drafts.save_draft(db, DraftKind.PERSON, person.id, {"Notes": "about them"})
    drafts.save_draft(db, DraftKind.OUTCOME, other.id, {})
    erasure.erase_person(db, person.id)
    assert [(d.kind, d.record_id) for d in drafts.my_drafts(db)] == [(DraftKind.OUTCOME, other.id)]
