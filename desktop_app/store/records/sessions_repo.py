"""Sessions with their attendees, facilitators and onward referrals: saving and reading one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.domain.sessions import OnwardReferral, Session, SessionDefaults
from desktop_app.store.columns import (
    date_text,
    lines_text,
    time_text,
    to_lines,
    to_required_date,
    to_time,
)
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import delete_record, local_id, local_ids, update_record

_FIELDS = "held_on, starts_at, minutes, kind, mode, venue, anonymous_headcount, topics, notes"


def _values(s: Session) -> tuple[Any, ...]:
    return (
        date_text(s.held_on),
        time_text(s.starts_at),
        s.minutes,
        s.kind,
        s.mode,
        s.venue,
        s.anonymous_headcount,
        lines_text(s.topics),
        s.notes,
    )


class _Links:
    """The people and volunteers a batch of sessions refers to, by local id."""

    def __init__(self, conn: Connection, sessions: Sequence[Session]) -> None:
        self.people = local_ids(
            conn,
            "people",
            {p for s in sessions for p in s.attendee_ids}
            | {r.person_id for s in sessions for r in s.onward_referrals if r.person_id},
        )
        self.volunteers = local_ids(
            conn, "volunteers", {v for s in sessions for v in s.facilitator_ids}
        )
        self.attendances: list[tuple[int, int]] = []
        self.facilitators: list[tuple[int, int]] = []
        self.referrals: list[tuple[Any, ...]] = []

    def add(self, key: int, session: Session, now: str) -> None:
        self.attendances += [(key, self.people[p]) for p in session.attendee_ids]
        self.facilitators += [(key, self.volunteers[v]) for v in session.facilitator_ids]
        self.referrals += [
            (
                r.id,
                key,
                self.people[r.person_id] if r.person_id else None,
                r.destination,
                now,
                now,
            )
            for r in session.onward_referrals
        ]

    def write(self, conn: Connection) -> None:
        """Insert the links; those already there are left as they are (a referral gets the
        person and destination given, and a new updated time only if either changed)."""
        conn.executemany(
            "INSERT OR IGNORE INTO attendances(session_id, person_id) VALUES (?, ?)",
            self.attendances,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO session_facilitators(session_id, volunteer_id) VALUES (?, ?)",
            self.facilitators,
        )
        conn.executemany(
            "INSERT INTO onward_referrals(uuid, session_id, person_id, destination, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
            "person_id = excluded.person_id, destination = excluded.destination, "
            "updated_at = excluded.updated_at "
            "WHERE person_id IS NOT excluded.person_id OR destination IS NOT excluded.destination",
            self.referrals,
        )

    def remove_others(self, conn: Connection, key: int) -> None:
        """Delete the session's links that are not among those given (only those: links kept
        are not deleted and added again, so sync sees only what changed)."""
        for table, column, kept in (
            ("attendances", "person_id", [p for _s, p in self.attendances]),
            ("session_facilitators", "volunteer_id", [v for _s, v in self.facilitators]),
            ("onward_referrals", "uuid", [r[0] for r in self.referrals]),
        ):
            conn.execute(
                f"DELETE FROM {table} WHERE session_id = ? "
                f"AND {column} NOT IN (SELECT value FROM json_each(?))",
                (key, json.dumps(kept)),
            )


def insert_sessions(conn: Connection, sessions: Sequence[Session], now: str) -> None:
    links = _Links(conn, sessions)
    for session in sessions:
        cursor = conn.execute(
            f"INSERT INTO sessions(uuid, {_FIELDS}, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session.id, *_values(session), now, now),
        )
        links.add(int(cursor.lastrowid), session, now)
    links.write(conn)


def update_session(conn: Connection, session: Session, now: str) -> None:
    """Save the session; its attendees, facilitators and referrals become those given. A
    referral keeps its id and created time when it is still there."""
    links = _Links(conn, [session])
    update_record(conn, "sessions", _FIELDS, _values(session), now, session.id)
    key = local_id(conn, "sessions", session.id)
    links.add(key, session, now)
    links.remove_others(conn, key)
    links.write(conn)


def delete_session(conn: Connection, session_id: str) -> None:
    delete_record(conn, "sessions", session_id)


def get_session(conn: Connection, session_id: str) -> Session:
    row = conn.execute(
        f"SELECT id, uuid, {_FIELDS}, created_at, updated_at FROM sessions WHERE uuid = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise RecordNotFound()
    key, uuid, held_on, starts_at, minutes, kind, mode, venue, headcount = row[:9]
    topics, notes, created, updated = row[9:]
    return Session(
        held_on=to_required_date(held_on),
        kind=kind,
        mode=mode,
        starts_at=to_time(starts_at),
        minutes=minutes,
        venue=venue,
        facilitator_ids=_facilitator_ids(conn, key),
        attendee_ids=_attendee_ids(conn, key),
        anonymous_headcount=headcount,
        topics=to_lines(topics),
        notes=notes,
        onward_referrals=_referrals(conn, key),
        id=uuid,
        created_at=created,
        updated_at=updated,
    )


def sessions_held_on(conn: Connection, held_on: date, kind: str) -> list[Session]:
    """Every session of `kind` held on that day (a handful at most), oldest first."""
    rows = conn.execute(
        "SELECT uuid FROM sessions WHERE held_on = ? AND kind = ? ORDER BY id",
        (date_text(held_on), kind),
    )
    return [get_session(conn, str(r[0])) for r in rows.fetchall()]


def _attendee_ids(conn: Connection, key: int) -> tuple[str, ...]:
    rows = conn.execute(
        "SELECT p.uuid FROM attendances a JOIN people p ON p.id = a.person_id "
        "WHERE a.session_id = ? ORDER BY p.known_as COLLATE NOCASE, p.id",
        (key,),
    )
    return tuple(str(r[0]) for r in rows)


def _facilitator_ids(conn: Connection, key: int) -> tuple[str, ...]:
    rows = conn.execute(
        "SELECT v.uuid FROM session_facilitators f JOIN volunteers v ON v.id = f.volunteer_id "
        "WHERE f.session_id = ? ORDER BY v.name COLLATE NOCASE, v.id",
        (key,),
    )
    return tuple(str(r[0]) for r in rows)


def _referrals(conn: Connection, key: int) -> tuple[OnwardReferral, ...]:
    rows = conn.execute(
        "SELECT r.destination, p.uuid, r.uuid, r.created_at, r.updated_at "
        "FROM onward_referrals r LEFT JOIN people p ON p.id = r.person_id "
        "WHERE r.session_id = ? ORDER BY r.id",
        (key,),
    )
    return tuple(OnwardReferral(*row) for row in rows)


def last_session_defaults(conn: Connection, kind: str) -> SessionDefaults | None:
    row = conn.execute(
        "SELECT id, mode, venue, starts_at, minutes FROM sessions WHERE kind = ? "
        "ORDER BY held_on DESC, starts_at DESC, id DESC LIMIT 1",
        (kind,),
    ).fetchone()
    if row is None:
        return None
    key, mode, venue, starts_at, minutes = row
    return SessionDefaults(
        kind=kind,
        mode=mode,
        venue=venue,
        starts_at=to_time(starts_at),
        minutes=minutes,
        facilitator_ids=_facilitator_ids(conn, key),
        attendee_ids=_attendee_ids(conn, key),
    )
