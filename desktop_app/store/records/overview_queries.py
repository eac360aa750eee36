"""Counts and lists for the Home screen, computed in SQL."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.overview import DbsDue, PeriodFigures, TrainingDue
from desktop_app.domain.people import PersonSummary
from desktop_app.domain.renewals import needs_renewal
from desktop_app.domain.volunteers import DBS_RENEWAL_YEARS, dbs_due_on
from desktop_app.store.columns import date_text, to_required_date
from desktop_app.store.connection import Connection
from desktop_app.store.records.hours_repo import total_hours
from desktop_app.store.records.volunteers_repo import LATEST_OF_ITS_COURSE, active_volunteer

_ACTIVE = active_volunteer()


def period_figures(conn: Connection, start: date, end: date) -> PeriodFigures:
    span = {"start": date_text(start), "end": date_text(end)}
    sessions, headcount = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(anonymous_headcount), 0) FROM sessions "
        "WHERE held_on BETWEEN :start AND :end",
        span,
    ).fetchone()
    registered, people = conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT a.person_id) FROM sessions s "
        "JOIN attendances a ON a.session_id = s.id WHERE s.held_on BETWEEN :start AND :end",
        span,
    ).fetchone()
    hours = total_hours(conn, start=start, end=end)
    return PeriodFigures(start, end, sessions, registered, headcount, people, hours)


def dbs_due(
    conn: Connection, today: date, within_days: int, years: int = DBS_RENEWAL_YEARS
) -> list[DbsDue]:
    """Active volunteers whose DBS check is due for renewal within `within_days`, or overdue."""
    horizon = today + timedelta(days=within_days)
    rows = conn.execute(
        "SELECT v.uuid, v.name, v.dbs_checked_on FROM volunteers v "
        f"WHERE v.dbs_checked_on IS NOT NULL AND {_ACTIVE} "
        "AND v.dbs_checked_on <= date(:horizon, :back) ORDER BY v.dbs_checked_on, v.id",
        {
            "today": date_text(today),
            "horizon": date_text(horizon + timedelta(days=1)),
            "back": f"-{int(years)} years",
        },
    )
    due = []
    for uuid, name, checked in rows:
        checked_on = to_required_date(checked)
        due_on = dbs_due_on(checked_on, years)
        if needs_renewal(due_on, today, within_days):
            due.append(DbsDue(uuid, name, checked_on, due_on))
    return due


def training_due(conn: Connection, today: date, within_days: int) -> list[TrainingDue]:
    """The latest training of each course per active volunteer, when it expires within
    `within_days` or has expired (renewed courses are not listed)."""
    rows = conn.execute(
        "SELECT v.uuid, v.name, t.course, t.expires_on FROM training_records t "
        "JOIN volunteers v ON v.id = t.volunteer_id "
        f"WHERE t.expires_on IS NOT NULL AND t.expires_on <= :horizon AND {_ACTIVE} "
        f"AND {LATEST_OF_ITS_COURSE} "
        "ORDER BY t.expires_on, v.name COLLATE NOCASE",
        {"today": date_text(today), "horizon": date_text(today + timedelta(days=within_days))},
    )
    return [TrainingDue(u, n, c, to_required_date(e)) for u, n, c, e in rows]


def people_without_consent(conn: Connection, limit: int) -> tuple[list[PersonSummary], int]:
    """Active people with no consent recorded: the first `limit` by name, and how many."""
    where = (
        "WHERE p.archived = 0 AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id)"
    )
    (total,) = conn.execute(f"SELECT COUNT(*) FROM people p {where}").fetchone()
    rows = conn.execute(
        f"SELECT uuid, ref, known_as, archived FROM people p {where} "
        "ORDER BY known_as COLLATE NOCASE, id LIMIT ?",
        (limit,),
    )
    return [PersonSummary(u, r, k, bool(a)) for u, r, k, a in rows], int(total)
