"""Volunteers and their training records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.domain.volunteers import (
    VOLUNTEER_REF_PREFIX,
    TrainingRecord,
    Volunteer,
    VolunteerSummary,
    volunteer_ref,
)
from desktop_app.store.columns import (
    date_text,
    lines_text,
    to_date,
    to_lines,
    to_required_date,
)
from desktop_app.store.conditions import contains, search_pattern
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordInUse, RecordNotFound
from desktop_app.store.keys import in_given_order, local_id, local_ids, next_ref, update_record
from desktop_app.store.record_keys import new_record_key

_FIELDS = "ref, name, roles, started_on, ended_on, lived_experience, dbs_checked_on"


def active_volunteer(on: str = ":today") -> str:
    """SQL true while volunteer `v` has not left by the day bound to `on`: no end date, or an
    end date on or after it. The one definition of an active volunteer."""
    return f"(v.ended_on IS NULL OR v.ended_on >= {on})"


_ACTIVE = active_volunteer("?")
# A training record `t` that is the latest of its course for its volunteer (not since renewed).
LATEST_OF_ITS_COURSE = (
    "NOT EXISTS (SELECT 1 FROM training_records later "
    "  WHERE later.volunteer_id = t.volunteer_id "
    "  AND later.course = t.course COLLATE NOCASE "
    "  AND (later.completed_on > t.completed_on "
    "       OR (later.completed_on = t.completed_on AND later.id > t.id)))"
)


def _values(v: Volunteer) -> tuple[Any, ...]:
    return (
        v.ref,
        v.name,
        lines_text(v.roles),
        date_text(v.started_on),
        date_text(v.ended_on),
        int(v.lived_experience),
        date_text(v.dbs_checked_on),
    )


def new_ref(conn: Connection) -> str:
    return volunteer_ref(next_ref(conn, "volunteers", VOLUNTEER_REF_PREFIX))


def insert_volunteers(conn: Connection, volunteers: Sequence[Volunteer], now: str) -> None:
    conn.executemany(
        f"INSERT INTO volunteers(uuid, {_FIELDS}, record_key, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((v.id, *_values(v), new_record_key(), now, now) for v in volunteers),
    )
    ids = local_ids(conn, "volunteers", [v.id for v in volunteers if v.training])
    _insert_training(conn, [(ids[v.id], t) for v in volunteers for t in v.training], now)


def update_volunteer(conn: Connection, volunteer: Volunteer, now: str) -> None:
    """Save the volunteer and make their training records match `volunteer.training`."""
    update_record(conn, "volunteers", _FIELDS, _values(volunteer), now, volunteer.id)
    key = local_id(conn, "volunteers", volunteer.id)
    kept = [t.id for t in volunteer.training]
    marks = ",".join("?" * len(kept))
    conn.execute(
        f"DELETE FROM training_records WHERE volunteer_id = ? AND uuid NOT IN ({marks})",
        (key, *kept),
    )
    for record in volunteer.training:
        updated = conn.execute(
            "UPDATE training_records SET course = ?, completed_on = ?, expires_on = ?, "
            "updated_at = ? WHERE uuid = ? AND volunteer_id = ?",
            (
                record.course,
                date_text(record.completed_on),
                date_text(record.expires_on),
                now,
                record.id,
                key,
            ),
        )
        if updated.rowcount == 0:
            _insert_training(conn, [(key, record)], now)


def _insert_training(
    conn: Connection, rows: Sequence[tuple[int, TrainingRecord]], now: str
) -> None:
    conn.executemany(
        "INSERT INTO training_records(volunteer_id, uuid, course, completed_on, expires_on, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (key, t.id, t.course, date_text(t.completed_on), date_text(t.expires_on), now, now)
            for key, t in rows
        ),
    )


def delete_volunteer(conn: Connection, volunteer_id: str) -> None:
    key = local_id(conn, "volunteers", volunteer_id)
    sessions, hours = conn.execute(
        "SELECT (SELECT COUNT(*) FROM session_facilitators WHERE volunteer_id = :v), "
        "(SELECT COUNT(*) FROM volunteer_hours WHERE volunteer_id = :v)",
        {"v": key},
    ).fetchone()
    if sessions or hours:
        raise RecordInUse(
            f"This volunteer facilitated {sessions} sessions and has {hours} records of hours, "
            "so deleting them would change past figures. Give them an end date instead."
        )
    conn.execute("DELETE FROM volunteers WHERE id = ?", (key,))


def get_volunteer(conn: Connection, volunteer_id: str) -> Volunteer:
    row = conn.execute(
        f"SELECT id, uuid, {_FIELDS}, created_at, updated_at FROM volunteers WHERE uuid = ?",
        (volunteer_id,),
    ).fetchone()
    if row is None:
        raise RecordNotFound()
    key, uuid, ref, name, roles, started, ended, lived, dbs, created, updated = row
    training = conn.execute(
        "SELECT uuid, course, completed_on, expires_on, created_at, updated_at "
        "FROM training_records WHERE volunteer_id = ? ORDER BY completed_on DESC, id DESC",
        (key,),
    )
    return Volunteer(
        name=name,
        ref=ref,
        roles=to_lines(roles),
        started_on=to_date(started),
        ended_on=to_date(ended),
        lived_experience=bool(lived),
        dbs_checked_on=to_date(dbs),
        training=tuple(
            TrainingRecord(c, to_required_date(done), to_date(exp), u, tc, tu)
            for u, c, done, exp, tc, tu in training
        ),
        id=uuid,
        created_at=created,
        updated_at=updated,
    )


def list_volunteers(
    conn: Connection, today: date, text: str = "", include_ended: bool = False
) -> list[VolunteerSummary]:
    """Volunteers by name. A small organisation has tens, a large one a few hundred: no paging."""
    pattern = search_pattern(text) or "%"
    rows = conn.execute(
        f"SELECT uuid, ref, name, {_ACTIVE} FROM volunteers v "
        f"WHERE {contains(('name', 'ref'))} "
        f"AND (? OR {_ACTIVE}) ORDER BY name COLLATE NOCASE, id",
        (date_text(today), pattern, pattern, int(include_ended), date_text(today)),
    )
    return [_summary(row) for row in rows]


def volunteer_summaries(
    conn: Connection, volunteer_ids: Sequence[str], today: date
) -> list[VolunteerSummary]:
    """The volunteers with these ids, in the order given."""
    return in_given_order(
        conn,
        f"SELECT uuid, ref, name, {_ACTIVE} FROM volunteers v WHERE uuid IN ({{marks}})",
        volunteer_ids,
        _summary,
        leading=(date_text(today),),
    )


def _summary(row: tuple[Any, ...]) -> VolunteerSummary:
    uuid, ref, name, active = row
    return VolunteerSummary(uuid, ref, name, bool(active))
