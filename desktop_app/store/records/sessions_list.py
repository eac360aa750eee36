"""Listing sessions: filtered, sorted and paged, with counts computed in SQL."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.listing import Page, Paged, SessionFilter, SessionRow
from desktop_app.store.columns import date_text, to_required_date, to_time
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page, order_by
from desktop_app.store.connection import Connection

_REGISTERED = "(SELECT COUNT(*) FROM attendances a WHERE a.session_id = s.id)"
_FACILITATORS = (
    "(SELECT group_concat(name, ', ') FROM (SELECT v.name AS name FROM session_facilitators f "
    "JOIN volunteers v ON v.id = f.volunteer_id WHERE f.session_id = s.id "
    "ORDER BY v.name COLLATE NOCASE))"
)
_LIST = ListQuery(
    columns="s.uuid, s.held_on, s.starts_at, s.kind, s.mode, s.venue, s.minutes, "
    f"{_REGISTERED}, s.anonymous_headcount, COALESCE({_FACILITATORS}, '')",
    table="sessions",
    alias="s",
)
_SORT_COLUMNS = {
    "date": ("s.held_on", "s.starts_at"),
    "kind": ("s.kind", "s.held_on"),
    "venue": ("s.venue COLLATE NOCASE", "s.held_on"),
    "attendance": (f"{_REGISTERED} + s.anonymous_headcount", "s.held_on"),
}


def session_conditions(f: SessionFilter) -> Conditions:
    where = Conditions()
    if f.start is not None:
        where.add("s.held_on >= ?", date_text(f.start))
    if f.end is not None:
        where.add("s.held_on <= ?", date_text(f.end))
    if f.kind:
        where.add("s.kind = ?", f.kind)
    if f.venue:
        where.add("s.venue = ? COLLATE NOCASE", f.venue)
    where.add_search(f.text, "s.venue", "s.topics", "s.notes")
    return where


def list_sessions(conn: Connection, f: SessionFilter, page: Page) -> Paged[SessionRow]:
    where = session_conditions(f)
    return fetch_page(
        conn,
        _LIST,
        where,
        order_by(_SORT_COLUMNS[f.sort], f.descending, "s.id"),
        page,
        _session_row,
    )


def _session_row(row: tuple[Any, ...]) -> SessionRow:
    uuid, held_on, starts_at, kind, mode, venue, minutes, registered, headcount = row[:9]
    facilitators = row[9]
    return SessionRow(
        id=uuid,
        held_on=to_required_date(held_on),
        starts_at=to_time(starts_at),
        kind=kind,
        mode=mode,
        venue=venue,
        minutes=minutes,
        registered=registered,
        anonymous_headcount=headcount,
        facilitators=facilitators,
    )


def venues(conn: Connection) -> list[str]:
    """Every venue used, most used first (for a venue picker)."""
    rows = conn.execute(
        "SELECT venue FROM sessions WHERE venue <> '' GROUP BY venue COLLATE NOCASE "
        "ORDER BY COUNT(*) DESC, venue COLLATE NOCASE"
    )
    return [str(r[0]) for r in rows]
