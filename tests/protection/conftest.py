"""Protection fixtures: a second user (a peer support lead) and a few saved records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from desktop_app.domain.people import Consent, Person
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.protection.users import User
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.protection import users
from desktop_app.store.database import Database

LEAD_PASSPHRASE = "lead volunteer walks the dog daily"


@pytest.fixture
def lead(db: Database) -> User:
    return users.add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)


@pytest.fixture
def lead_db(db: Database, lead: User) -> Iterator[Database]:
    """The same database, opened with the lead's passphrase (the coordinator's copy is closed)."""
    folder = db.folder
    db.close()
    opened = open_database(folder, LEAD_PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()


@dataclass(frozen=True)
class Records:
    person: Person
    other: Person
    volunteer: Volunteer
    session: Session


def consent(share_story: bool = True) -> Consent:
    return Consent(date(2024, 5, 1), "written", True, True, share_story)


@pytest.fixture
def records(db: Database) -> Records:
    person = people.add_person(
        db,
        Person(
            "Amara K.",
            year_of_birth=1983,
            gender="woman",
            postcode_district="BB1",
            first_contact=date(2024, 5, 1),
            consent=consent(),
            notes="Prefers mornings.",
        ),
    )
    other = people.add_person(db, Person("Ben T."))
    volunteer = volunteers.add_volunteer(db, Volunteer("Jo Facilitator"))
    logged = sessions.log_session(
        db,
        Session(
            date(2024, 6, 3),
            "group",
            facilitator_ids=(volunteer.id,),
            attendee_ids=(person.id, other.id),
            anonymous_headcount=2,
        ),
        facilitator_hours=2.0,
    )
    return Records(person, other, volunteer, logged.session)
