"""People supported: add, edit, archive, delete, find and list them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from desktop_app.domain.listing import Page, Paged, PeopleFilter, PersonRow
from desktop_app.domain.people import (
    PERSON_REF_PREFIX,
    Consent,
    Person,
    PersonSummary,
    cleaned_person,
    person_ref,
    validate_person,
)
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import change
from desktop_app.services.protection.consent import with_notice_version
from desktop_app.services.validation import refuse
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.keys import local_id, next_ref, ref_in_use
from desktop_app.store.protection import consents_repo
from desktop_app.store.records import people_repo


def prepare_new_people(
    conn: Connection, people: Sequence[Person], today: date
) -> tuple[list[Person], list[Problem]]:
    """Clean and check people about to be added, giving a reference to those without one."""
    cleaned = [with_notice_version(conn, cleaned_person(p)) for p in people]
    problems = [problem for p in cleaned for problem in validate_person(p, today)]
    given = [p.ref.casefold() for p in cleaned if p.ref]
    for p in cleaned:
        if p.ref and (ref_in_use(conn, "people", p.ref, None) or given.count(p.ref.casefold()) > 1):
            problems.append(_ref_taken(p.ref))
    number = next_ref(conn, "people", PERSON_REF_PREFIX)
    ready = []
    for p in cleaned:
        if not p.ref:
            while person_ref(number).casefold() in given:
                number += 1
            p = replace(p, ref=person_ref(number))
            number += 1
        ready.append(p)
    return ready, problems


def _ref_taken(ref: str) -> Problem:
    return Problem(
        "ref",
        f"The reference {ref} is already used by someone else. Choose another, or leave it "
        "blank for PeerLog to make one.",
    )


def add_person(db: Database, person: Person) -> Person:
    with change(db, Permission.LOG_RECORDS) as work:
        ready, problems = prepare_new_people(work.conn, [person], date.today())
        refuse(problems)
        people_repo.insert_people(work.conn, ready, utc_now())
        work.record(Action.CREATE, "person", ready[0].id)
        return people_repo.get_person(work.conn, ready[0].id)


def update_person(db: Database, person: Person) -> Person:
    """Save changes. A consent with a new id is added to the person's consent history; one
    with an existing id corrects that record. Consent history is never removed here."""
    p = cleaned_person(person)
    with change(db, Permission.LOG_RECORDS) as work:
        conn = work.conn
        p = with_notice_version(conn, p)
        problems = validate_person(p, date.today())
        if not p.ref:
            problems.append(Problem("ref", "The reference is missing. Every person needs one."))
        elif ref_in_use(conn, "people", p.ref, p.id):
            problems.append(_ref_taken(p.ref))
        refuse(problems)
        people_repo.update_person(conn, p, utc_now())
        work.record(Action.CHANGE, "person", p.id)
        return people_repo.get_person(conn, p.id)


def archive_person(db: Database, person_id: str, archived: bool = True) -> None:
    """Archived people keep their history but leave the lists and the attendee picker."""
    with change(db, Permission.LOG_RECORDS) as work:
        people_repo.set_archived(work.conn, person_id, archived, utc_now())
        work.record(Action.CHANGE, "person", person_id)


def delete_person(db: Database, person_id: str) -> None:
    """Erase a person (coordinators only): see `services.erasure.erase_person`."""
    from desktop_app.services.protection.erasure import erase_person

    erase_person(db, person_id)


def get_person(db: Database, person_id: str) -> Person:
    return people_repo.get_person(db.connection(), person_id)


def consent_history(db: Database, person_id: str) -> list[Consent]:
    """Every consent record of a person, latest (the one in force) first."""
    conn = db.connection()
    return consents_repo.consent_history(conn, local_id(conn, "people", person_id))


def find_people(
    db: Database, text: str, limit: int = 20, include_archived: bool = False
) -> list[PersonSummary]:
    """For the attendee picker: people whose name or reference contains `text`, best first."""
    return people_repo.find_people(db.connection(), text, limit, include_archived)


def people_summaries(db: Database, person_ids: Sequence[str]) -> list[PersonSummary]:
    return people_repo.summaries(db.connection(), person_ids)


def list_people(
    db: Database, filter: PeopleFilter | None = None, page: Page | None = None
) -> Paged[PersonRow]:
    return people_repo.list_people(db.connection(), filter or PeopleFilter(), page or Page())
