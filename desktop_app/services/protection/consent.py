"""Consent: what each person was told (the privacy notice version in force when it was recorded),
what they agreed to, and withdrawing any part of it. Withdrawing story sharing takes their case
studies out of every future return; withdrawing agreement to be contacted removes their contact
details."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.people import CONSENT_PARTS, Consent, ConsentPart, Person
from desktop_app.domain.problems import Problem, long_date
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import change
from desktop_app.services.settings import change_setting
from desktop_app.services.validation import ValidationFailed
from desktop_app.store import settings_repo
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.keys import local_id
from desktop_app.store.protection import consents_repo
from desktop_app.store.records import people_repo

NOTICE_VERSION_SETTING = "privacy_notice_version"
DEFAULT_NOTICE_VERSION = "1"


def privacy_notice_version(db: Database) -> str:
    return db.setting(NOTICE_VERSION_SETTING, DEFAULT_NOTICE_VERSION) or DEFAULT_NOTICE_VERSION


def set_privacy_notice_version(db: Database, version: str) -> None:
    """The version of the privacy notice people are told from now on (coordinators only)."""
    cleaned = version.strip()
    if not cleaned:
        message = "Give the version of your privacy notice, like 2 or 2025-04."
        raise ValidationFailed([Problem("privacy_notice_version", message)])
    change_setting(db, NOTICE_VERSION_SETTING, cleaned)


def with_notice_version(conn: Connection, person: Person) -> Person:
    """The person with their new consent stamped with the privacy notice version in force."""
    if person.consent is None or person.consent.notice_version:
        return person
    version = settings_repo.get(conn, NOTICE_VERSION_SETTING, DEFAULT_NOTICE_VERSION)
    return replace(person, consent=replace(person.consent, notice_version=version))


def withdraw_consent(
    db: Database, person_id: str, part: ConsentPart, on: date | None = None
) -> Consent:
    """Withdraw one part of the consent in force, from `on` (today by default)."""
    day = on or date.today()
    if day > date.today():
        raise _refused(f"The withdrawal date {long_date(day)} is in the future.")
    with change(db, Permission.LOG_RECORDS) as work:
        conn = work.conn
        person_key = local_id(conn, "people", person_id)
        consent = consents_repo.current_consent(conn, person_key)
        if consent is None or not getattr(consent, part):
            raise _refused(
                f"They had not agreed to {CONSENT_PARTS[part]}, so there is nothing to withdraw."
            )
        now = utc_now()
        consents_repo.withdraw(conn, consent.id, part, day, now)
        work.record(Action.CONSENT_WITHDRAWN, "consent", consent.id)
        if part == "share_story":
            stopped = consents_repo.stop_sharing_stories(conn, person_key, now)
            if stopped:
                work.record(Action.CHANGE, "case study", *stopped)
        if part == "be_contacted":  # contact details are kept only while they agree
            people_repo.forget_contact_details(conn, person_id, now)
            work.record(Action.CHANGE, "person", person_id)
        updated = people_repo.get_person(conn, person_id).consent
        assert updated is not None
        return updated


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed([Problem("consent", message)])
