"""Referrals: record one (for someone known, or a new person made from it in one step), move it
on a step, close it, list the inbox. Every write goes through `access.change`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.people import Person
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.referrals.pipeline import (
    DEFAULT_OVERDUE_DAYS,
    ReferralRow,
    closed,
    moved_on,
    next_recorded_step,
)
from desktop_app.domain.referrals.records import Referral, cleaned_referral, validate_referral
from desktop_app.services import settings
from desktop_app.services.access import change
from desktop_app.services.people import prepare_new_people
from desktop_app.services.recently_deleted import delete_keeping_a_copy
from desktop_app.services.validation import refuse
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import people_repo, referrals_repo

OVERDUE_SETTING = "referral_overdue_working_days"
MAX_OVERDUE_DAYS = 60


def _new_person(referral: Referral, known_as: str) -> Person:
    """A person made from a referral: their name, and where they came from."""
    return Person(
        known_as=known_as,
        referral_source=referral.source_kind,
        first_contact=referral.contacted_on,
    )


def add_referral(db: Database, referral: Referral, new_person_name: str = "") -> ReferralRow:
    """Save a referral. With `new_person_name`, a new person is made from it in the same step
    (their referral source is the referral's kind of source), and the referral is theirs."""
    today = date.today()
    with change(db, Permission.LOG_RECORDS) as work:
        r = cleaned_referral(referral)
        problems: list[Problem] = []
        if new_person_name.strip():
            people, problems = prepare_new_people(
                work.conn, [_new_person(r, new_person_name)], today
            )
            problems = [Problem("new_person_name", p.message) for p in problems]
            r = replace(r, person_id=people[0].id)
        refuse(problems + validate_referral(r, today))
        if new_person_name.strip():
            people_repo.insert_people(work.conn, people, utc_now())
            work.record(Action.CREATE, "person", r.person_id)
        referrals_repo.insert_referrals(work.conn, [r], utc_now())
        work.record(Action.CREATE, "referral", r.id)
        return referrals_repo.get_referral_row(work.conn, r.id)


def update_referral(db: Database, referral: Referral) -> ReferralRow:
    r = cleaned_referral(referral)
    refuse(validate_referral(r, date.today()))
    with change(db, Permission.LOG_RECORDS) as work:
        referrals_repo.update_referral(work.conn, r, utc_now())
        work.record(Action.CHANGE, "referral", r.id)
        return referrals_repo.get_referral_row(work.conn, r.id)


def move_on(db: Database, referral_id: str, on: date | None = None) -> ReferralRow:
    """Record the next step (contact attempted, then contacted) as done on `on` (today)."""
    row = get_referral(db, referral_id)
    step = next_recorded_step(row.progress)
    if step is None:
        refuse([Problem("stage", _no_next_step(row))])
        return row
    return update_referral(db, moved_on(row.progress.referral, step, on or date.today()))


def _no_next_step(row: ReferralRow) -> str:
    if row.progress.referral.closed_on is not None:
        return "This referral is closed: there is no next step."
    return (
        "The next steps, first session and engaged, come from attendance: add "
        f"{row.person_name} to the sessions they come to."
    )


def close_referral(
    db: Database, referral_id: str, reason: str, on: date | None = None
) -> ReferralRow:
    row = get_referral(db, referral_id)
    return update_referral(db, closed(row.progress.referral, reason, on or date.today()))


def delete_referral(db: Database, referral_id: str) -> None:
    delete_keeping_a_copy(db, "referral", referral_id, referrals_repo.delete_referral)


def get_referral(db: Database, referral_id: str) -> ReferralRow:
    return referrals_repo.get_referral_row(db.connection(), referral_id)


def list_referrals(
    db: Database,
    open_only: bool = True,
    person_id: str | None = None,
    page: Page | None = None,
) -> Paged[ReferralRow]:
    """The inbox: those still waiting for a response first (oldest first), then the rest."""
    return referrals_repo.list_referral_rows(db.connection(), page or Page(), open_only, person_id)


def overdue_working_days(db: Database) -> int:
    """Working days a referral may wait for a response before it is overdue (5 unless set)."""
    return settings.stored_count(db, OVERDUE_SETTING, MAX_OVERDUE_DAYS, DEFAULT_OVERDUE_DAYS)


def set_overdue_working_days(db: Database, days: int) -> None:
    settings.change_count(
        db, OVERDUE_SETTING, days, MAX_OVERDUE_DAYS, "working days", "referral_overdue_days"
    )


def overdue_referrals(db: Database, today: date | None = None) -> list[ReferralRow]:
    """Referrals still waiting for a response after more than the set working days, oldest
    first."""
    day = today or date.today()
    limit = overdue_working_days(db)
    rows = referrals_repo.list_referral_rows(db.connection(), Page(limit=10_000)).rows
    return [row for row in rows if row.progress.overdue(day, limit)]
