"""What a paper register needs: a group's regulars (who came to sessions of that kind at that
venue lately) and when the group last met."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from desktop_app.store.columns import date_text, to_required_date, to_time
from desktop_app.store.connection import Connection


def regulars(conn: Connection, kind: str, venue: str, since: date) -> list[tuple[str, str, str]]:
    """(id, known as, reference) of everyone not archived who came to a session of `kind` at
    `venue` (any case) on or after `since`, by name."""
    rows = conn.execute(
        "SELECT DISTINCT p.uuid, p.known_as, p.ref FROM sessions s "
        "JOIN attendances a ON a.session_id = s.id JOIN people p ON p.id = a.person_id "
        "WHERE s.kind = ? AND s.venue = ? COLLATE NOCASE AND s.held_on >= ? AND p.archived = 0 "
        "ORDER BY p.known_as COLLATE NOCASE, p.ref",
        (kind, venue, date_text(since)),
    )
    return [(str(uuid), str(known_as), str(ref)) for uuid, known_as, ref in rows]


def last_meeting(conn: Connection, kind: str, venue: str) -> LastMeeting | None:
    """When the group (sessions of `kind` at `venue`, any case) last met: its date, start time
    and facilitators' names."""
    row = conn.execute(
        "SELECT id, held_on, starts_at FROM sessions WHERE kind = ? AND venue = ? COLLATE NOCASE "
        "ORDER BY held_on DESC, starts_at DESC, id DESC LIMIT 1",
        (kind, venue),
    ).fetchone()
    if row is None:
        return None
    key, held_on, starts_at = row
    names = conn.execute(
        "SELECT v.name FROM session_facilitators f JOIN volunteers v ON v.id = f.volunteer_id "
        "WHERE f.session_id = ? ORDER BY v.name COLLATE NOCASE",
        (key,),
    )
    return LastMeeting(
        to_required_date(held_on), to_time(starts_at), tuple(str(n[0]) for n in names)
    )


@dataclass(frozen=True)
class LastMeeting:
    held_on: date
    starts_at: time | None
    facilitators: tuple[str, ...]
