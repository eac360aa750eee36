"""The person, volunteer and hours forms: saving, problems beside fields, deleting."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.people.erase_dialog import ErasePersonDialog
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog


def shown(qtbot: QtBot, dialog: PersonDialog | VolunteerDialog | HoursDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # keyboard shortcuts work in the active window
    qtbot.waitUntil(dialog.isActiveWindow)


def test_add_a_person_from_the_keyboard_with_consent(qtbot: QtBot, db: Database) -> None:
    dialog = PersonDialog(db)
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.known_as, "Tamsin Roe")
    qtbot.keyClicks(dialog.postcode, "bb2")
    dialog.consent.setChecked(True)
    dialog.consent.method.set_code("verbal")
    dialog.consent.keep_data.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.known_as, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (found,) = people.find_people(db, "Tamsin")
    person = people.get_person(db, found.id)
    assert person.postcode_district == "BB2"
    assert person.ref.startswith("P-")
    assert person.consent is not None and person.consent.keep_data


def test_full_postcode_is_refused_beside_the_field(qtbot: QtBot, db: Database) -> None:
    dialog = PersonDialog(db)
    shown(qtbot, dialog)
    dialog.known_as.setText("Tamsin Roe")
    dialog.postcode.setText("BB1 1AA")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.shown() == {
        "postcode_district": "Enter only the first half of the postcode (BB1), not the full "
        "postcode: a full postcode can identify someone."
    }
    assert people.list_people(db).total == 0


def test_missing_name_is_explained(qtbot: QtBot, db: Database) -> None:
    dialog = PersonDialog(db)
    shown(qtbot, dialog)
    dialog.save()
    assert "missing" in dialog.errors.shown()["known_as"]
    assert people.list_people(db).total == 0


def test_changed_consent_is_added_to_the_history(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, Person(known_as="Ola"))
    dialog = PersonDialog(db, person.id)
    shown(qtbot, dialog)
    dialog.consent.setChecked(True)
    dialog.consent.method.set_code("written")
    dialog.consent.keep_data.setChecked(True)
    dialog.save()
    dialog = PersonDialog(db, person.id)
    shown(qtbot, dialog)
    dialog.consent.share_story.setChecked(True)
    dialog.save()
    history = people.consent_history(db, person.id)
    assert [c.share_story for c in history] == [True, False]


def test_unchanged_person_saves_without_a_new_consent(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, Person(known_as="Ola"))
    first = PersonDialog(db, person.id)
    shown(qtbot, first)
    first.consent.setChecked(True)
    first.consent.method.set_code("verbal")
    first.consent.keep_data.setChecked(True)
    first.save()
    again = PersonDialog(db, person.id)
    shown(qtbot, again)
    again.save()
    assert len(people.consent_history(db, person.id)) == 1


def test_erasing_a_person_needs_their_reference_typed(qtbot: QtBot, db: Database) -> None:
    person = people.add_person(db, Person(known_as="Ola"))
    dialog = PersonDialog(db, person.id)
    shown(qtbot, dialog)
    assert dialog.delete_button is not None
    assert dialog.delete_button.text() == "Erase this person…"
    dialog.delete()
    confirm = dialog.findChild(ErasePersonDialog)
    assert confirm is not None
    assert not confirm.erase_button.isEnabled()
    qtbot.keyClicks(confirm.typed_ref, "wrong")
    assert not confirm.erase_button.isEnabled()
    assert people.list_people(db).total == 1
    confirm.typed_ref.setText(person.ref)
    confirm.erase_button.click()
    assert people.list_people(db).total == 0
    assert dialog.outcome == "Person erased."


def test_volunteer_with_training_and_dbs(qtbot: QtBot, db: Database) -> None:
    dialog = VolunteerDialog(db)
    shown(qtbot, dialog)
    qtbot.keyClicks(dialog.name, "Priya Shah")
    dialog.dbs_checked_on.set_value(date.today() - timedelta(days=30))
    assert dialog.dbs_due.text().startswith("Renewal due")
    qtbot.keyClicks(dialog.training.course, "Safeguarding adults")
    dialog.training.expires_on.set_value(date.today() + timedelta(days=700))
    qtbot.keyClick(dialog.training.course, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.training.records.count() == 1)
    dialog.save()
    (summary,) = volunteers.list_volunteers(db)
    saved = volunteers.get_volunteer(db, summary.id)
    assert [t.course for t in saved.training] == ["Safeguarding adults"]
    assert saved.dbs_checked_on == date.today() - timedelta(days=30)


def test_left_before_started_is_refused(qtbot: QtBot, db: Database) -> None:
    dialog = VolunteerDialog(db)
    shown(qtbot, dialog)
    dialog.name.setText("Priya")
    dialog.started_on.set_value(date.today() - timedelta(days=10))
    dialog.ended_on.set_value(date.today() - timedelta(days=20))
    dialog.save()
    assert "before the start date" in dialog.errors.shown()["ended_on"]
    assert volunteers.list_volunteers(db, include_ended=True) == []


def test_record_hours_for_a_volunteer(qtbot: QtBot, db: Database) -> None:
    volunteer = volunteers.add_volunteer(db, Volunteer(name="Priya"))
    dialog = HoursDialog(db, volunteer.id)
    shown(qtbot, dialog)
    dialog.hours.setValue(2.5)
    dialog.activity.setCurrentText("Outreach")
    dialog.save()
    assert volunteers.total_hours(db, volunteer.id) == Decimal("2.5")
    assert volunteers.list_hours(db, volunteer.id).rows[0].activity == "Outreach"


def test_hours_need_a_volunteer(qtbot: QtBot, db: Database) -> None:
    dialog = HoursDialog(db)
    shown(qtbot, dialog)
    dialog.save()
    assert "Choose the volunteer" in dialog.errors.shown()["volunteer_id"]
