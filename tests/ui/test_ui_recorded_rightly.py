"""The forms record only what someone said: driven through the real widgets, read back from the
services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import people, safeguarding, sessions, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common import messages
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog


def shown(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def save_keys(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_person_saved_with_a_name_alone_has_nothing_else_recorded(
    qtbot: QtBot, db: Database
) -> None:
    dialog = PersonDialog(db)
    shown(qtbot, dialog)
    for combo in (dialog.gender, dialog.ethnic_group, dialog.disability):
        assert combo.currentText() == "Not recorded"
    assert dialog.referral.currentText() == "Not known"
    qtbot.keyClicks(dialog.known_as, "Tamsin Roe")
    with qtbot.waitSignal(dialog.saved):
        save_keys(qtbot, dialog)
    (found,) = people.find_people(db, "Tamsin")
    stored = people.get_person(db, found.id)
    assert (stored.gender, stored.ethnic_group, stored.disability) == ("not_recorded",) * 3
    assert (stored.referral_source, stored.first_contact, stored.consent) == (
        "not_known",
        None,
        None,
    )


def test_a_person_typed_into_a_session_has_nothing_else_recorded(
    qtbot: QtBot, db: Database
) -> None:
    dialog = SessionDialog(db)
    shown(qtbot, dialog)
    dialog.kind.set_code("drop_in")  # led by nobody in particular: no facilitator question
    qtbot.keyClicks(dialog.attendees.search_box, "Newcomer Nia")
    qtbot.keyClick(dialog.attendees.search_box, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.saved):
        save_keys(qtbot, dialog)
    (found,) = people.find_people(db, "Newcomer Nia")
    stored = people.get_person(db, found.id)
    assert (stored.gender, stored.ethnic_group, stored.disability) == ("not_recorded",) * 3


def test_consent_recorded_with_nothing_agreed_is_refused_beside_it(
    qtbot: QtBot, db: Database
) -> None:
    dialog = PersonDialog(db)
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.known_as, "Ola")
    dialog.consent.setChecked(True)
    assert dialog.consent.method.code() is None  # "Choose…": how it was given is not assumed
    save_keys(qtbot, dialog)
    problems = dialog.errors.shown()
    assert "nothing is ticked as agreed" in problems["consent.agreed"]
    assert "consent method" in problems["consent.method"]
    assert people.list_people(db).total == 0
    dialog.consent.method.set_code("verbal")
    dialog.consent.be_contacted.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        save_keys(qtbot, dialog)
    (found,) = people.find_people(db, "Ola")
    consent = people.get_person(db, found.id).consent
    assert consent is not None and (consent.method, consent.keep_data, consent.be_contacted) == (
        "verbal",
        False,
        True,
    )


def test_a_safeguarding_concern_without_detail_is_refused_beside_it(
    qtbot: QtBot, db: Database
) -> None:
    held = sessions.log_session(db, Session(date.today(), "drop_in", anonymous_headcount=4))
    dialog = ConcernDialog(db, None, session_id=held.session.id)
    shown(qtbot, dialog)
    dialog.kind.set_code("self_harm")
    save_keys(qtbot, dialog)
    assert "What happened is missing" in dialog.errors.shown()["what_happened"]
    assert safeguarding.list_concerns(db).total == 0
    qtbot.keyClicks(dialog.what_happened, "Told the lead; calling on Monday")
    with qtbot.waitSignal(dialog.saved):
        save_keys(qtbot, dialog)
    (row,) = safeguarding.list_concerns(db).rows
    assert row.concern.session_id == held.session.id
    assert row.concern.what_happened.startswith("Told the lead")


def _log_again(qtbot: QtBot, db: Database, answer: bool) -> list[messages.Shown]:
    with messages.headless([answer]) as asked:
        dialog = SessionDialog(db)
        shown(qtbot, dialog)
        dialog.add_last_attendees()  # the same people, day, kind, venue and time as last time
        save_keys(qtbot, dialog)
        if answer:
            qtbot.waitUntil(lambda: not dialog.isVisible())
    return asked


def test_a_likely_duplicate_session_is_questioned_before_saving(qtbot: QtBot, db: Database) -> None:
    amara, bryn = (people.add_person(db, Person(n)) for n in ("Amara", "Bryn"))
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin"))  # the form takes them too
    sessions.log_session(
        db,
        Session(
            date.today(),
            "group",
            venue="Church Hall",
            attendee_ids=(amara.id, bryn.id),
            facilitator_ids=(robin.id,),
        ),
    )
    asked = _log_again(qtbot, db, answer=False)
    assert [(m.kind, m.title) for m in asked] == [("question", "Save this session again?")]
    assert "Church Hall with the same people" in asked[0].text
    assert sessions.list_sessions(db).total == 1  # "Cancel": nothing saved, the form stays
    asked = _log_again(qtbot, db, answer=True)
    assert len(asked) == 1
    assert sessions.list_sessions(db).total == 2  # they went on: two sessions really happened


def _hours_typed(
    qtbot: QtBot, db: Database, volunteer_id: str, typed: str, activity: str = "Outreach"
) -> HoursDialog:
    dialog = HoursDialog(db, volunteer_id)
    shown(qtbot, dialog)
    dialog.hours.selectAll()
    qtbot.keyClicks(dialog.hours, typed)
    dialog.activity.setCurrentText(activity)
    save_keys(qtbot, dialog)
    return dialog


def test_hours_typed_in_the_window_add_up_exactly(qtbot: QtBot, db: Database) -> None:
    priya = volunteers.add_volunteer(db, Volunteer(name="Priya"))
    for days_before in range(6):  # 120 hours so far
        day = date.today() - timedelta(days=days_before + 2)
        volunteers.record_hours(db, VolunteerHours.of_hours(priya.id, day, 20, "Outreach"))
    for typed in ("7.75", "3.5"):
        dialog = _hours_typed(qtbot, db, priya.id, typed)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())  # type: ignore[misc]
    assert volunteers.total_hours(db, priya.id) == Decimal("131.25")
    shown_total = VolunteerDialog(db, priya.id)
    qtbot.addWidget(shown_total)
    assert shown_total.hours is not None
    assert shown_total.hours.total.text().startswith("131.25 hours in all")  # never "131.2"


def test_hours_more_precise_than_a_minute_are_refused_beside_the_field(
    qtbot: QtBot, db: Database
) -> None:
    priya = volunteers.add_volunteer(db, Volunteer(name="Priya"))
    dialog = _hours_typed(qtbot, db, priya.id, "1.33")
    assert "1.33 hours is 79.8 minutes" in dialog.errors.shown()["hours"]
    assert volunteers.total_hours(db) == 0


def test_the_hours_form_does_not_assume_what_the_volunteer_did(qtbot: QtBot, db: Database) -> None:
    priya = volunteers.add_volunteer(db, Volunteer(name="Priya"))
    dialog = HoursDialog(db, priya.id)
    shown(qtbot, dialog)
    assert dialog.activity.currentText() == ""
    save_keys(qtbot, dialog)
    assert "activity is missing" in dialog.errors.shown()["activity"]
    assert volunteers.total_hours(db) == 0
    dialog.activity.setCurrentText("Outreach")
    with qtbot.waitSignal(dialog.saved):
        save_keys(qtbot, dialog)
    (entry,) = volunteers.list_hours(db, priya.id).rows
    assert (entry.activity, entry.minutes) == ("Outreach", 60)
