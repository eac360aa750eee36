"""Records fixtures: a few saved people and volunteers in the real encrypted test database."""

from __future__ import annotations

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, volunteers
from desktop_app.store.database import Database


@pytest.fixture
def regulars(db: Database) -> list[Person]:
    names = ["Amara K.", "Ben T.", "Chidi O.", "Dorota W."]
    return [people.add_person(db, Person(name)) for name in names]


@pytest.fixture
def facilitator(db: Database) -> Volunteer:
    return volunteers.add_volunteer(db, Volunteer("Jo Facilitator", roles=("Group facilitator",)))
