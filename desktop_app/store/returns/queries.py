"""The counts a return needs, aggregated in SQL.

Only counts and sums leave this module: no row about a person, volunteer or session does.
Beside each count of people goes its cell key: the sum of the people's record keys mod 256.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.domain.returns.figures import (
    AttendanceFigures,
    MonthCounts,
    ParticipantFigures,
    PeopleBreakdowns,
    PeopleKeys,
    SessionFigures,
)
from desktop_app.domain.returns.periods import Period
from desktop_app.store.columns import date_text
from desktop_app.store.connection import Connection
from desktop_app.store.records.hours_repo import total_hours

_IN_PERIOD = "s.held_on BETWEEN :start AND :end"
# The people who came to at least one session in the period, once each.
_ATTENDED = (
    "WITH attended AS (SELECT DISTINCT a.person_id FROM attendances a "
    f"JOIN sessions s ON s.id = a.session_id WHERE {_IN_PERIOD}) "
)
# What each breakdown of the attending people groups by (fixed texts, never user input).
_PEOPLE_BY = {
    "age": "CASE WHEN p.year_of_birth IS NULL OR p.year_of_birth > :end_year THEN NULL "
    "ELSE :end_year - p.year_of_birth END",
    "gender": "p.gender",
    "ethnicity": "p.ethnic_group",
    "disability": "p.disability",
    "referral_source": "p.referral_source",
    "postcode_district": "CASE WHEN trim(p.postcode_district) = '' THEN 'not_known' "
    "ELSE upper(trim(p.postcode_district)) END",
}


KEYS = 256
_IDS_AT_ONCE = 500  # well under SQLite's limit on bound values


@dataclass(frozen=True)
class VolunteerCounts:
    active: int
    hours: Decimal  # exact
    training_completed: int
    dbs_in_date: int
    keys: tuple[int, int, int]  # cell keys of active, training_completed, dbs_in_date


@dataclass(frozen=True)
class ReturnCounts:
    sessions: SessionFigures
    attendances: AttendanceFigures
    participants: ParticipantFigures
    breakdowns: PeopleBreakdowns
    volunteers: VolunteerCounts
    onward_referrals: dict[str, int]  # destination as typed -> referrals
    safeguarding_concerns: int  # raised in the period
    safeguarding_resolved: int  # resolved in the period
    keys: PeopleKeys


def return_counts(
    conn: Connection, start: date, end: date, dbs_checked_after: date
) -> ReturnCounts:
    """Every count for the period `start`..`end` (both included). A volunteer's DBS check is in
    date at the end when it was done after `dbs_checked_after`."""
    span = {"start": date_text(start), "end": date_text(end), "end_year": end.year}
    months = monthly_counts(conn, start, end)
    participants, breakdowns, people_keys = _people(conn, span)
    volunteers = _volunteers(
        conn,
        {**span, "dbs_after": date_text(dbs_checked_after)},
        total_hours(conn, start=start, end=end),
    )
    return ReturnCounts(
        sessions=_sessions(conn, span, months),
        attendances=AttendanceFigures(
            registered=sum(m.registered for m in months),
            anonymous=sum(m.anonymous for m in months),
            per_month={m.month: m.attendances for m in months},
        ),
        participants=participants,
        breakdowns=breakdowns,
        volunteers=volunteers,
        onward_referrals=dict(
            conn.execute(
                "SELECT r.destination, COUNT(*) FROM onward_referrals r "
                f"JOIN sessions s ON s.id = r.session_id WHERE {_IN_PERIOD} "
                "GROUP BY r.destination",
                span,
            ).fetchall()
        ),
        safeguarding_concerns=_one(
            conn,
            "SELECT COUNT(*) FROM safeguarding_concerns WHERE raised_on BETWEEN :start AND :end",
            span,
        ),
        safeguarding_resolved=_one(
            conn,
            "SELECT COUNT(*) FROM safeguarding_concerns WHERE resolved_on BETWEEN :start AND :end",
            span,
        ),
        keys=PeopleKeys(*people_keys, *volunteers.keys),
    )


def monthly_counts(conn: Connection, start: date, end: date) -> list[MonthCounts]:
    """Sessions, attendances (of both kinds) and different people who came, for every month
    `start`..`end` touches (months with none hold 0), counting only sessions in the period.
    The return's figures per month and Home's charts both come from here."""
    span = {"start": date_text(start), "end": date_text(end)}
    sessions = {
        month: (count, registered or 0, anonymous or 0)
        for month, count, anonymous, registered in conn.execute(
            "SELECT substr(s.held_on, 1, 7), COUNT(*), SUM(s.anonymous_headcount), "
            "SUM((SELECT COUNT(*) FROM attendances a WHERE a.session_id = s.id)) "
            f"FROM sessions s WHERE {_IN_PERIOD} GROUP BY 1",
            span,
        )
    }
    people = dict(
        conn.execute(
            "SELECT substr(s.held_on, 1, 7), COUNT(DISTINCT a.person_id) FROM sessions s "
            f"JOIN attendances a ON a.session_id = s.id WHERE {_IN_PERIOD} GROUP BY 1",
            span,
        ).fetchall()
    )
    return [
        MonthCounts(month, *sessions.get(month, (0, 0, 0)), people.get(month, 0))
        for month in Period(start, end).months()
    ]


def _sessions(conn: Connection, span: dict[str, Any], months: list[MonthCounts]) -> SessionFigures:
    by_kind: Counter[str] = Counter()
    by_mode: Counter[str] = Counter()
    minutes = 0
    rows = conn.execute(
        "SELECT s.kind, s.mode, COUNT(*), SUM(s.minutes) "
        f"FROM sessions s WHERE {_IN_PERIOD} GROUP BY 1, 2",
        span,
    )
    for kind, mode, count, total_minutes in rows:
        by_kind[kind] += count
        by_mode[mode] += count
        minutes += total_minutes
    return SessionFigures(
        total=sum(by_kind.values()),
        by_kind=dict(by_kind),
        by_mode=dict(by_mode),
        hours_delivered=minutes / 60,
        per_month={m.month: m.sessions for m in months},
    )


def _people(
    conn: Connection, span: dict[str, Any]
) -> tuple[ParticipantFigures, PeopleBreakdowns, tuple[int, int, PeopleBreakdowns]]:
    """The attending people counted once, in one pass: grouped by every breakdown at once and
    by whether they are new, then added up here into one-way counts, each with its cell key."""
    columns = ", ".join(_PEOPLE_BY.values())
    rows = conn.execute(
        _ATTENDED + f"SELECT {columns}, NOT EXISTS ("
        "  SELECT 1 FROM attendances a JOIN sessions s ON s.id = a.session_id"
        "  WHERE a.person_id = t.person_id AND s.held_on < :start"
        f"), COUNT(*), SUM(p.record_key) FROM attended t JOIN people p ON p.id = t.person_id "
        f"GROUP BY {', '.join(str(n) for n in range(1, len(_PEOPLE_BY) + 2))}",
        span,
    ).fetchall()
    counts: dict[str, Counter[Any]] = {name: Counter() for name in _PEOPLE_BY}
    keys: dict[str, Counter[Any]] = {name: Counter() for name in _PEOPLE_BY}
    new = new_key = unique_key = 0
    for row in rows:
        *values, is_new, people, key_sum = row
        for name, value in zip(_PEOPLE_BY, values, strict=True):
            counts[name][value] += people
            keys[name][value] += key_sum
        new += people if is_new else 0
        new_key += key_sum if is_new else 0
        unique_key += key_sum
    unique = sum(row[-2] for row in rows)
    return (
        ParticipantFigures(unique, new),
        _breakdowns(counts, lambda n: n),
        (unique_key % KEYS, new_key % KEYS, _breakdowns(keys, lambda n: n % KEYS)),
    )


def _breakdowns(by_name: dict[str, Counter[Any]], each: Callable[[int], int]) -> PeopleBreakdowns:
    def of(name: str) -> dict[Any, int]:
        return {value: each(n) for value, n in by_name[name].items()}

    return PeopleBreakdowns(
        by_age=of("age"),
        gender=of("gender"),
        ethnicity=of("ethnicity"),
        disability=of("disability"),
        referral_source=of("referral_source"),
        postcode_district=of("postcode_district"),
    )


def _volunteers(conn: Connection, span: dict[str, Any], hours: Decimal) -> VolunteerCounts:
    # Start from the period's sessions and hours (an index range each), not from every
    # volunteer's whole history: 10 ms instead of 160 ms on ten busy years.
    active = _counted(
        conn,
        "SELECT v.record_key FROM ("
        "  SELECT f.volunteer_id AS id FROM sessions s"
        f"  JOIN session_facilitators f ON f.session_id = s.id WHERE {_IN_PERIOD}"
        "  UNION"
        "  SELECT h.volunteer_id FROM volunteer_hours h"
        "  WHERE h.worked_on BETWEEN :start AND :end) u JOIN volunteers v ON v.id = u.id",
        span,
    )
    trained = _counted(
        conn,
        "SELECT v.record_key FROM volunteers v WHERE v.id IN (SELECT volunteer_id "
        "FROM training_records WHERE completed_on BETWEEN :start AND :end)",
        span,
    )
    # Volunteers on the books at the period's end whose check is within the renewal interval.
    dbs = _counted(
        conn,
        "SELECT record_key FROM volunteers WHERE dbs_checked_on > :dbs_after "
        "AND dbs_checked_on <= :end AND (started_on IS NULL OR started_on <= :end) "
        "AND (ended_on IS NULL OR ended_on >= :end)",
        span,
    )
    return VolunteerCounts(active[0], hours, trained[0], dbs[0], (active[1], trained[1], dbs[1]))


def _counted(conn: Connection, people: str, span: dict[str, Any]) -> tuple[int, int]:
    """How many rows `people` (a query of record keys) gives, and their cell key."""
    count, key_sum = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(record_key), 0) FROM ({people})", span
    ).fetchone()
    return int(count), int(key_sum) % KEYS


def _one(conn: Connection, sql: str, span: dict[str, Any]) -> int:
    (value,) = conn.execute(sql, span).fetchone()
    return int(value)


def person_record_keys(conn: Connection, person_ids: Iterable[str]) -> dict[str, int]:
    """The record key of each of these people (by their id), for the cell keys of outcome
    counts. Only ever added up; never shown or written anywhere."""
    wanted = sorted(set(person_ids))
    found: dict[str, int] = {}
    for at in range(0, len(wanted), _IDS_AT_ONCE):
        chunk = wanted[at : at + _IDS_AT_ONCE]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT uuid, record_key FROM people WHERE uuid IN ({marks})", chunk)
        found.update((uuid, int(key)) for uuid, key in rows)
    return found


def names_in_database(conn: Connection) -> list[str]:
    """Every name or reference a story might mention: people's and volunteers'."""
    rows = conn.execute(
        "SELECT known_as FROM people UNION SELECT ref FROM people "
        "UNION SELECT name FROM volunteers UNION SELECT ref FROM volunteers"
    )
    return [name for (name,) in rows]
