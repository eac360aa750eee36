"""Sessions: log one (with new people, new facilitators and facilitators' hours in the same
step), edit, delete, read and list them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from desktop_app.domain.listing import Page, Paged, SessionFilter, SessionRow
from desktop_app.domain.people import Person, PersonSummary
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.sessions import (
    Session,
    SessionDefaults,
    cleaned_session,
    looks_the_same,
    validate_session,
)
from desktop_app.domain.volunteers import (
    FACILITATING,
    MAX_HOURS_A_DAY,
    MINUTES_AN_HOUR,
    NotWholeMinutes,
    Volunteer,
    VolunteerHours,
    VolunteerSummary,
    exact_hours,
    minutes_of,
)
from desktop_app.services.access import Change, change
from desktop_app.services.people import prepare_new_people
from desktop_app.services.recently_deleted import delete_keeping_a_copy
from desktop_app.services.validation import refuse
from desktop_app.services.volunteers import prepare_new_volunteers
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import (
    hours_repo,
    people_repo,
    sessions_list,
    sessions_repo,
    volunteers_repo,
)


@dataclass(frozen=True)
class LoggedSession:
    session: Session
    new_people: list[Person]  # as saved, with their references
    hours: list[VolunteerHours]  # one per facilitator, when asked for


@dataclass(frozen=True)
class SessionDetail:
    session: Session
    attendees: list[PersonSummary]  # in the order of session.attendee_ids
    facilitators: list[VolunteerSummary]  # in the order of session.facilitator_ids


def log_session(
    db: Database,
    session: Session,
    new_people: Sequence[Person] = (),
    facilitator_hours: Decimal | float | None = None,
    new_facilitators: Sequence[Volunteer] = (),
) -> LoggedSession:
    """Save a session in one transaction: all of it is saved, or (on any problem) none of it.

    `new_people` are added first (with just a name if that is all there is) and join the
    attendees; `new_facilitators` (volunteers with just a name, as on a new database) are added
    the same way and facilitate it. With `facilitator_hours`, each facilitator is credited that
    many hours of "Facilitating a session" on the session's date, linked to the session.
    """
    today = date.today()
    s = _with_new_records(cleaned_session(session), new_people, new_facilitators)
    with change(db, Permission.LOG_RECORDS) as work:
        conn = work.conn
        people, problems = _prepared_people(conn, new_people, today)
        facilitators, more = _prepared_facilitators(conn, new_facilitators, today)
        problems += more + validate_session(s, today)
        minutes, hours_problems = _facilitator_minutes(facilitator_hours)
        refuse(problems + hours_problems)
        now = utc_now()
        _insert_new_records(work, people, facilitators, now)
        sessions_repo.insert_sessions(conn, [s], now)
        hours = [
            VolunteerHours(volunteer, s.held_on, minutes, FACILITATING, s.id)
            for volunteer in s.facilitator_ids
            if minutes is not None
        ]
        hours_repo.insert_hours(conn, hours, now)
        work.record(Action.CREATE, "session", s.id)
        work.record(Action.CREATE, "volunteer hours", *(h.id for h in hours))
        return LoggedSession(
            sessions_repo.get_session(conn, s.id),
            [people_repo.get_person(conn, p.id) for p in people],
            [hours_repo.get_hours(conn, h.id) for h in hours],
        )


def _with_new_records(
    s: Session, new_people: Sequence[Person], new_facilitators: Sequence[Volunteer]
) -> Session:
    """`s` with `new_people` among its attendees and `new_facilitators` among its facilitators."""
    joining = [p.id for p in new_people if p.id not in s.attendee_ids]
    leading = [v.id for v in new_facilitators if v.id not in s.facilitator_ids]
    return replace(
        s,
        attendee_ids=(*s.attendee_ids, *joining),
        facilitator_ids=(*s.facilitator_ids, *leading),
    )


def _prepared_facilitators(
    conn: Connection, new_facilitators: Sequence[Volunteer], today: date
) -> tuple[list[Volunteer], list[Problem]]:
    volunteers, problems = prepare_new_volunteers(conn, new_facilitators, today)
    return volunteers, [Problem(f"new_facilitators.{p.field}", p.message) for p in problems]


def _insert_new_records(
    work: Change, people: Sequence[Person], facilitators: Sequence[Volunteer], now: str
) -> None:
    """People and volunteers added while logging, before the session that lists them."""
    people_repo.insert_people(work.conn, people, now)
    volunteers_repo.insert_volunteers(work.conn, facilitators, now)
    work.record(Action.CREATE, "person", *(p.id for p in people))
    work.record(Action.CREATE, "volunteer", *(v.id for v in facilitators))


def _prepared_people(
    conn: Connection, new_people: Sequence[Person], today: date
) -> tuple[list[Person], list[Problem]]:
    """New people ready to insert (references given), and what is wrong with them."""
    people, problems = prepare_new_people(conn, new_people, today)
    return people, [Problem(f"new_people.{p.field}", p.message) for p in problems]


def _facilitator_minutes(hours: Decimal | float | None) -> tuple[int | None, list[Problem]]:
    """The hours each facilitator is credited, as exact whole minutes, or what is wrong."""
    if hours is None:
        return None, []
    try:
        minutes = minutes_of(hours)
    except NotWholeMinutes as refused:
        return None, [Problem("facilitator_hours", str(refused))]
    if 0 < minutes <= MAX_HOURS_A_DAY * MINUTES_AN_HOUR:
        return minutes, []
    return None, [
        Problem(
            "facilitator_hours",
            f"Facilitators' hours must be more than 0 and at most {MAX_HOURS_A_DAY} "
            f"(you entered {exact_hours(hours)}). Leave it empty to record no hours.",
        )
    ]


def update_session(
    db: Database,
    session: Session,
    new_people: Sequence[Person] = (),
    new_facilitators: Sequence[Volunteer] = (),
) -> Session:
    """Save changes; the attendees, facilitators and referrals become exactly those given, with
    `new_people` and `new_facilitators` added first (as in `log_session`), all in one
    transaction. Hours already recorded for the session are left as they are."""
    today = date.today()
    s = _with_new_records(cleaned_session(session), new_people, new_facilitators)
    with change(db, Permission.LOG_RECORDS) as work:
        people, problems = _prepared_people(work.conn, new_people, today)
        facilitators, more = _prepared_facilitators(work.conn, new_facilitators, today)
        refuse(problems + more + validate_session(s, today))
        now = utc_now()
        _insert_new_records(work, people, facilitators, now)
        sessions_repo.update_session(work.conn, s, now)
        work.record(Action.CHANGE, "session", s.id)
        return sessions_repo.get_session(work.conn, s.id)


def likely_duplicate(db: Database, session: Session) -> Session | None:
    """A session already saved that `session` looks like a second copy of (same day, kind,
    venue, start time and people), so that a front end can ask before saving it; None when
    there is none. People about to be added are new, so a session with any is never one."""
    saved = sessions_repo.sessions_held_on(db.connection(), session.held_on, session.kind)
    return next((s for s in saved if looks_the_same(session, s)), None)


def delete_session(db: Database, session_id: str) -> None:
    """Delete a session with its attendance, referrals and the hours recorded against it."""
    delete_keeping_a_copy(db, "session", session_id, sessions_repo.delete_session)


def get_session(db: Database, session_id: str) -> Session:
    return sessions_repo.get_session(db.connection(), session_id)


def session_detail(db: Database, session_id: str) -> SessionDetail:
    """A session with the names of who came and who facilitated, for showing or editing."""
    conn = db.connection()
    session = sessions_repo.get_session(conn, session_id)
    return SessionDetail(
        session,
        people_repo.summaries(conn, session.attendee_ids) if session.attendee_ids else [],
        volunteers_repo.volunteer_summaries(conn, session.facilitator_ids, date.today())
        if session.facilitator_ids
        else [],
    )


def list_sessions(
    db: Database, filter: SessionFilter | None = None, page: Page | None = None
) -> Paged[SessionRow]:
    """One page of sessions matching `filter` (default: all, newest first)."""
    return sessions_list.list_sessions(db.connection(), filter or SessionFilter(), page or Page())


def last_session_defaults(db: Database, kind: str) -> SessionDefaults | None:
    """The venue, mode, time, length, facilitators and attendees of the latest session of
    `kind`, for the log form to start from; None before the first one."""
    return sessions_repo.last_session_defaults(db.connection(), kind)


def venues(db: Database) -> list[str]:
    return sessions_list.venues(db.connection())
