"""Volunteers, training and hours through the services, in the real encrypted database."""

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.listing import Page
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import TrainingRecord, Volunteer, VolunteerHours
from desktop_app.services import sessions, volunteers
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordInUse, RecordNotFound


def test_add_and_edit_a_volunteer_with_training(db: Database) -> None:
    first_aid = TrainingRecord("First aid", date(2024, 3, 1), date(2027, 3, 1))
    saved = volunteers.add_volunteer(
        db,
        Volunteer(
            " Jo  Bloggs ",
            roles=("Group facilitator", " ", "Group facilitator", "Listener"),
            started_on=date(2023, 9, 1),
            lived_experience=True,
            dbs_checked_on=date(2023, 8, 20),
            training=(first_aid,),
        ),
    )
    assert saved.ref == "V-0001"
    assert saved.name == "Jo Bloggs"
    assert saved.roles == ("Group facilitator", "Listener")
    assert saved.training[0].id == first_aid.id
    assert volunteers.get_volunteer(db, saved.id) == saved

    safeguarding = TrainingRecord("Safeguarding", date(2025, 1, 10))
    with_two = volunteers.add_training(db, saved.id, safeguarding)
    assert [t.course for t in with_two.training] == ["Safeguarding", "First aid"]
    ended = volunteers.update_volunteer(
        db, replace(with_two, ended_on=date(2025, 5, 1), training=(safeguarding,))
    )
    assert [t.id for t in ended.training] == [safeguarding.id]
    assert ended.created_at == saved.created_at
    assert volunteers.list_volunteers(db) == []
    assert [v.name for v in volunteers.list_volunteers(db, include_ended=True)] == ["Jo Bloggs"]


def test_invalid_volunteer_is_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed) as caught:
        volunteers.add_volunteer(
            db, Volunteer("", started_on=date(2024, 1, 1), ended_on=date(2023, 1, 1))
        )
    assert {p.field for p in caught.value.problems} == {"name", "ended_on"}
    assert volunteers.list_volunteers(db, include_ended=True) == []


def test_volunteer_references_are_unique(db: Database) -> None:
    volunteers.add_volunteer(db, Volunteer("Jo", ref="JB"))
    with pytest.raises(ValidationFailed) as caught:
        volunteers.add_volunteer(db, Volunteer("Jay", ref="jb"))
    assert caught.value.messages_for("ref")


def test_list_volunteers_by_text(db: Database) -> None:
    for name in ["Jo Bloggs", "Sam Smith", "Joanne Price"]:
        volunteers.add_volunteer(db, Volunteer(name))
    assert [v.name for v in volunteers.list_volunteers(db, "jo")] == ["Jo Bloggs", "Joanne Price"]


def test_record_edit_list_and_delete_hours(db: Database) -> None:
    jo = volunteers.add_volunteer(db, Volunteer("Jo"))
    sam = volunteers.add_volunteer(db, Volunteer("Sam"))
    entry = volunteers.record_hours(
        db, VolunteerHours.of_hours(jo.id, date(2025, 2, 3), 2, "Outreach")
    )
    volunteers.record_hours(db, VolunteerHours.of_hours(jo.id, date(2025, 3, 3), 1.25, "Admin"))
    volunteers.record_hours(db, VolunteerHours.of_hours(sam.id, date(2025, 3, 4), 4, "Training"))
    assert entry.created_at
    assert volunteers.total_hours(db) == 7.25
    assert volunteers.total_hours(db, jo.id) == 3.25
    assert volunteers.total_hours(db, start=date(2025, 3, 1), end=date(2025, 3, 31)) == 5.25
    jo_hours = volunteers.list_hours(db, jo.id, page=Page(limit=1))
    assert jo_hours.total == 2 and jo_hours.rows[0].activity == "Admin"
    changed = volunteers.update_hours(db, replace(entry, minutes=180))
    assert changed.hours == 3 and changed.created_at == entry.created_at
    volunteers.delete_hours(db, entry.id)
    assert volunteers.total_hours(db, jo.id) == 1.25
    with pytest.raises(ValidationFailed):
        volunteers.record_hours(db, VolunteerHours.of_hours(jo.id, date(2025, 3, 3), 0))
    with pytest.raises(RecordNotFound):
        volunteers.record_hours(db, VolunteerHours.of_hours("nobody", date(2025, 3, 3), 1))


def test_a_volunteer_with_history_cannot_be_deleted(db: Database) -> None:
    jo = volunteers.add_volunteer(db, Volunteer("Jo"))
    mistake = volunteers.add_volunteer(db, Volunteer("Typo"))
    amara = Person("Amara")
    sessions.log_session(
        db,
        Session(date(2025, 3, 4), "one_to_one", facilitator_ids=(jo.id,), attendee_ids=(amara.id,)),
        new_people=[amara],
    )
    with pytest.raises(RecordInUse, match="facilitated 1 sessions"):
        volunteers.delete_volunteer(db, jo.id)
    volunteers.delete_volunteer(db, mistake.id)
    assert [v.name for v in volunteers.list_volunteers(db)] == ["Jo"]
