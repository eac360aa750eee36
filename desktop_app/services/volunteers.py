"""Volunteers, their training, and the hours they give."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from desktop_app.domain.listing import Page, Paged, VolunteerFilter, VolunteerRow
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.volunteers import (
    VOLUNTEER_REF_PREFIX,
    TrainingRecord,
    Volunteer,
    VolunteerHours,
    VolunteerSummary,
    cleaned_volunteer,
    validate_hours,
    validate_training,
    validate_volunteer,
    volunteer_ref,
)
from desktop_app.services import settings
from desktop_app.services.access import change
from desktop_app.services.recently_deleted import delete_keeping_a_copy
from desktop_app.services.validation import refuse
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.keys import next_ref, ref_in_use
from desktop_app.store.records import hours_repo, volunteers_list, volunteers_repo


def _ref_problems(conn: Connection, volunteer: Volunteer) -> list[Problem]:
    if volunteer.ref and ref_in_use(conn, "volunteers", volunteer.ref, volunteer.id):
        return [
            Problem(
                "ref",
                f"The reference {volunteer.ref} is already used by another volunteer. Choose "
                "another, or leave it blank for PeerLog to make one.",
            )
        ]
    return []


def prepare_new_volunteers(
    conn: Connection, new: Sequence[Volunteer], today: date
) -> tuple[list[Volunteer], list[Problem]]:
    """Clean and check volunteers about to be added with just a name (while logging a session),
    giving each the next free reference."""
    cleaned = [cleaned_volunteer(v) for v in new]
    problems = [problem for v in cleaned for problem in validate_volunteer(v, today)]
    number = next_ref(conn, "volunteers", VOLUNTEER_REF_PREFIX)
    ready = []
    for v in cleaned:
        if not v.ref:
            v, number = replace(v, ref=volunteer_ref(number)), number + 1
        ready.append(v)
    return ready, problems


def add_volunteer(db: Database, volunteer: Volunteer) -> Volunteer:
    v = cleaned_volunteer(volunteer)
    with change(db, Permission.LOG_RECORDS) as work:
        conn = work.conn
        refuse(validate_volunteer(v, date.today()) + _ref_problems(conn, v))
        if not v.ref:
            v = replace(v, ref=volunteers_repo.new_ref(conn))
        volunteers_repo.insert_volunteers(conn, [v], utc_now())
        work.record(Action.CREATE, "volunteer", v.id)
        return volunteers_repo.get_volunteer(conn, v.id)


def update_volunteer(db: Database, volunteer: Volunteer) -> Volunteer:
    """Save changes; the training records become exactly those in `volunteer.training`."""
    v = cleaned_volunteer(volunteer)
    with change(db, Permission.LOG_RECORDS) as work:
        conn = work.conn
        problems = validate_volunteer(v, date.today()) + _ref_problems(conn, v)
        if not v.ref:
            problems.append(Problem("ref", "The reference is missing. Every volunteer needs one."))
        refuse(problems)
        volunteers_repo.update_volunteer(conn, v, utc_now())
        work.record(Action.CHANGE, "volunteer", v.id)
        return volunteers_repo.get_volunteer(conn, v.id)


def add_training(db: Database, volunteer_id: str, record: TrainingRecord) -> Volunteer:
    refuse(validate_training(record, date.today()))
    volunteer = get_volunteer(db, volunteer_id)
    return update_volunteer(db, replace(volunteer, training=(*volunteer.training, record)))


def delete_volunteer(db: Database, volunteer_id: str) -> None:
    """Only for a volunteer entered by mistake: one with sessions or hours is refused
    (RecordInUse); give them an end date instead."""
    delete_keeping_a_copy(db, "volunteer", volunteer_id, volunteers_repo.delete_volunteer)


def get_volunteer(db: Database, volunteer_id: str) -> Volunteer:
    return volunteers_repo.get_volunteer(db.connection(), volunteer_id)


def list_volunteers(
    db: Database, text: str = "", include_ended: bool = False
) -> list[VolunteerSummary]:
    """Volunteers by name, optionally only those whose name or reference contains `text`."""
    return volunteers_repo.list_volunteers(db.connection(), date.today(), text, include_ended)


def hours_period(today: date | None = None) -> Period:
    """The period the Volunteers list counts hours over: the financial year `today` is in
    (the period returns are most often asked for)."""
    return Period.financial_year_containing(today or date.today())


def list_volunteer_rows(
    db: Database,
    f: VolunteerFilter | None = None,
    page: Page | None = None,
    today: date | None = None,
) -> Paged[VolunteerRow]:
    """Volunteers with their DBS check and training status, hours this financial year and
    when they last gave time: who needs chasing. Renewals follow Home's rule."""
    day = today or date.today()
    return volunteers_list.list_volunteer_rows(
        db.connection(),
        f or VolunteerFilter(),
        page or Page(),
        day,
        hours_period(day),
        settings.dbs_renewal_years(db),
    )


def record_hours(db: Database, hours: VolunteerHours) -> VolunteerHours:
    entry = replace(hours, activity=" ".join(hours.activity.split()))
    refuse(validate_hours(entry, date.today()))
    with change(db, Permission.LOG_RECORDS) as work:
        hours_repo.insert_hours(work.conn, [entry], utc_now())
        work.record(Action.CREATE, "volunteer hours", entry.id)
        return hours_repo.get_hours(work.conn, entry.id)


def update_hours(db: Database, hours: VolunteerHours) -> VolunteerHours:
    entry = replace(hours, activity=" ".join(hours.activity.split()))
    refuse(validate_hours(entry, date.today()))
    with change(db, Permission.LOG_RECORDS) as work:
        hours_repo.update_hours(work.conn, entry, utc_now())
        work.record(Action.CHANGE, "volunteer hours", entry.id)
        return hours_repo.get_hours(work.conn, entry.id)


def delete_hours(db: Database, hours_id: str) -> None:
    delete_keeping_a_copy(db, "volunteer hours", hours_id, hours_repo.delete_hours)


def get_hours(db: Database, hours_id: str) -> VolunteerHours:
    return hours_repo.get_hours(db.connection(), hours_id)


def list_hours(
    db: Database,
    volunteer_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    page: Page | None = None,
) -> Paged[VolunteerHours]:
    """Hours newest first, for one volunteer or everyone, between two dates (inclusive)."""
    return hours_repo.list_hours(db.connection(), page or Page(), volunteer_id, start, end)


def total_hours(
    db: Database,
    volunteer_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Decimal:
    """Exact (whole minutes added as integers): 127.8 + 3.5 hours is 131.3."""
    return hours_repo.total_hours(db.connection(), volunteer_id, start, end)
