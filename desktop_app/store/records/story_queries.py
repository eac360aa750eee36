"""What a person's or a volunteer's whole story needs that no other query gives: the sessions
their onward referrals were made in, and the sessions a volunteer facilitated."""

from __future__ import annotations

from datetime import date

from desktop_app.store.columns import to_required_date
from desktop_app.store.connection import Connection


def referrals_made(conn: Connection, person_key: int) -> list[tuple[str, date, str]]:
    """(session id, session date, where they were referred), newest first."""
    rows = conn.execute(
        "SELECT s.uuid, s.held_on, r.destination FROM onward_referrals r "
        "JOIN sessions s ON s.id = r.session_id WHERE r.person_id = ? "
        "ORDER BY s.held_on DESC, r.id DESC",
        (person_key,),
    )
    return [(uuid, to_required_date(held_on), text) for uuid, held_on, text in rows]


def sessions_facilitated(conn: Connection, volunteer_key: int) -> list[tuple[str, date, str, str]]:
    """(session id, date, kind code, venue), newest first."""
    rows = conn.execute(
        "SELECT s.uuid, s.held_on, s.kind, s.venue FROM session_facilitators f "
        "JOIN sessions s ON s.id = f.session_id WHERE f.volunteer_id = ? "
        "ORDER BY s.held_on DESC, s.starts_at DESC, s.id DESC",
        (volunteer_key,),
    )
    return [(uuid, to_required_date(held_on), kind, venue) for uuid, held_on, kind, venue in rows]
