"""Referral fixtures: people and sessions in the real encrypted test database."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.store.database import Database


@pytest.fixture
def amara(db: Database) -> Person:
    return people.add_person(db, Person("Amara K."))


def attend(db: Database, person_id: str, *days: date) -> None:
    for day in days:
        sessions.log_session(db, Session(day, "group", attendee_ids=(person_id,)))


def referral_for(person_id: str, received_on: date, **changes: object) -> Referral:
    base = Referral(
        person_id,
        received_on,
        "social_prescribing",
        organisation="Riverside surgery",
        referrer_role="Link worker",
        needs=("loneliness", "low_mood"),
    )
    return Referral(**{**base.__dict__, **changes})
