"""Outcomes fixtures: people saved in the real encrypted test database to record forms for."""

from __future__ import annotations

import pytest

from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.store.database import Database


@pytest.fixture
def person(db: Database) -> str:
    return people.add_person(db, Person("Amara K.")).id


@pytest.fixture
def other_person(db: Database) -> str:
    return people.add_person(db, Person("Ben T.")).id
