"""Volunteer hours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.volunteers import VolunteerHours, hours_in
from desktop_app.store.columns import date_text, to_required_date
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import delete_record, local_ids, update_record

_QUERY = ListQuery(
    columns=(
        "h.uuid, v.uuid, h.worked_on, h.minutes, h.activity, s.uuid, h.created_at, h.updated_at"
    ),
    table="volunteer_hours",
    alias="h",
    joins="JOIN volunteers v ON v.id = h.volunteer_id LEFT JOIN sessions s ON s.id = h.session_id",
)


def insert_hours(conn: Connection, entries: Sequence[VolunteerHours], now: str) -> None:
    volunteers = local_ids(conn, "volunteers", [e.volunteer_id for e in entries])
    sessions = local_ids(conn, "sessions", [e.session_id for e in entries if e.session_id])
    conn.executemany(
        "INSERT INTO volunteer_hours(uuid, volunteer_id, worked_on, minutes, activity, "
        "session_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                e.id,
                volunteers[e.volunteer_id],
                date_text(e.worked_on),
                e.minutes,
                e.activity,
                sessions[e.session_id] if e.session_id else None,
                now,
                now,
            )
            for e in entries
        ),
    )


def update_hours(conn: Connection, entry: VolunteerHours, now: str) -> None:
    volunteer = local_ids(conn, "volunteers", [entry.volunteer_id])[entry.volunteer_id]
    session = local_ids(conn, "sessions", [entry.session_id] if entry.session_id else [])
    update_record(
        conn,
        "volunteer_hours",
        "volunteer_id, worked_on, minutes, activity, session_id",
        (
            volunteer,
            date_text(entry.worked_on),
            entry.minutes,
            entry.activity,
            session.get(entry.session_id or ""),
        ),
        now,
        entry.id,
    )


def delete_hours(conn: Connection, hours_id: str) -> None:
    delete_record(conn, "volunteer_hours", hours_id)


def list_hours(
    conn: Connection,
    page: Page,
    volunteer_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Paged[VolunteerHours]:
    """Hours newest first, for one volunteer or everyone, between two dates (inclusive)."""
    return fetch_page(
        conn,
        _QUERY,
        _where(conn, volunteer_id, start, end),
        "ORDER BY h.worked_on DESC, h.id DESC",
        page,
        _hours,
    )


def get_hours(conn: Connection, hours_id: str) -> VolunteerHours:
    row = conn.execute(f"{_QUERY.select()} WHERE h.uuid = ?", (hours_id,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return _hours(row)


def _hours(row: tuple[Any, ...]) -> VolunteerHours:
    uuid, volunteer, worked_on, minutes, activity, session, created, updated = row
    return VolunteerHours(
        volunteer_id=volunteer,
        worked_on=to_required_date(worked_on),
        minutes=int(minutes),
        activity=activity,
        session_id=session,
        id=uuid,
        created_at=created,
        updated_at=updated,
    )


def total_hours(
    conn: Connection,
    volunteer_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Decimal:
    """Exact: whole minutes are added up as integers, then turned into hours once."""
    where = _where(conn, volunteer_id, start, end)
    row = conn.execute(
        f"SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h {where.where()}",
        where.params,
    ).fetchone()
    return hours_in(int(row[0]))


def _where(
    conn: Connection, volunteer_id: str | None, start: date | None, end: date | None
) -> Conditions:
    where = Conditions()
    if volunteer_id is not None:
        where.add("h.volunteer_id = ?", local_ids(conn, "volunteers", [volunteer_id])[volunteer_id])
    if start is not None:
        where.add("h.worked_on >= ?", date_text(start))
    if end is not None:
        where.add("h.worked_on <= ?", date_text(end))
    return where
