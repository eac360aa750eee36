"""Conflicts: the same field changed on two laptops since they last met. Both values are kept;
the one in the record is the later by clock. Someone reviews each: keep it, or use the other
value (written as an ordinary edit here, so it travels like any other)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass

from desktop_app.domain.sync.changes import Value
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.sync.shapes import MissingParent, shape
from desktop_app.store.sync.tables import BY_NAME


@dataclass(frozen=True)
class StoredConflict:
    """`kept_laptop` / `other_laptop` are laptop ids ("" for this laptop before it first sent
    anything); `kept_hlc` is "~" for a value changed here and not sent yet. `subject`: the
    person the record is about, if any. Values are as they travel (a foreign key as the
    identity of the record it points at)."""

    id: int
    table: str
    key: str
    field: str
    subject: str | None
    kept: Value
    kept_hlc: str
    kept_laptop: str
    other: Value
    other_hlc: str
    other_laptop: str
    found_at: str


_COLUMNS = (
    "id, tbl, key, field, subject, kept, kept_hlc, kept_laptop, other, other_hlc, "
    "other_laptop, found_at"
)


def conflicts(conn: Connection) -> list[StoredConflict]:
    """Conflicts not yet reviewed, newest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_conflicts WHERE reviewed_at IS NULL "
        "ORDER BY found_at DESC, id DESC"
    )
    return [_conflict(row) for row in rows]


def _conflict(row: tuple[object, ...]) -> StoredConflict:
    key, table, record, name, subject, kept, kept_hlc, kept_by, other, other_hlc, other_by, at = row
    return StoredConflict(
        int(str(key)),
        str(table),
        str(record),
        str(name),
        None if subject is None else str(subject),
        json.loads(str(kept)),
        str(kept_hlc),
        str(kept_by),
        json.loads(str(other)),
        str(other_hlc),
        str(other_by),
        str(at),
    )


def resolve_conflict(conn: Connection, conflict_id: int, use_other: bool) -> None:
    """Mark the conflict reviewed; with `use_other`, first put the other value in the record
    (an ordinary change: it is noted and travels). A record gone since is left gone."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFound()
    found = _conflict(row)
    if use_other and found.table in BY_NAME:
        # pointing at a record deleted since: the record keeps its value
        with contextlib.suppress(MissingParent):
            shape(conn, BY_NAME[found.table]).update(conn, found.key, {found.field: found.other})
    conn.execute(
        "UPDATE sync_conflicts SET reviewed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') "
        "WHERE id = ?",
        (conflict_id,),
    )


def record_key(conn: Connection, conflict_id: int) -> str:
    """The identity of the record a conflict is about ("" when there is no such conflict)."""
    row = conn.execute("SELECT key FROM sync_conflicts WHERE id = ?", (conflict_id,)).fetchone()
    return str(row[0]) if row else ""
