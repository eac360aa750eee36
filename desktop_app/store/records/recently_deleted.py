"""Recently deleted records: a copy of a record's row and of every row deleted with it (by the
schema's cascading foreign keys, found by walking them: a table added later is covered without
anyone remembering it), kept in the encrypted database so that the deletion can be undone.

Putting back inserts the same rows again, with the same ids, inside the caller's transaction:
all of them, or (a record they refer to has gone since) none.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from desktop_app.store.connection import SQLITE_ERRORS, Connection, schema_version
from desktop_app.store.errors import RecordNotFound, StoreError
from desktop_app.store.linked_records import Row, foreign_keys

Saved = list[tuple[str, Row]]  # (table, row), parents before the rows that refer to them


class CannotPutBack(StoreError):
    """The deleted record cannot be put back as it was. Nothing was changed."""


@dataclass(frozen=True)
class DeletedEntry:
    id: int
    kind: str
    record_uuid: str
    deleted_at: str
    deleted_by: str
    rows: Saved
    schema_version: int  # the schema its rows were read under


def keep(
    conn: Connection, table: str, record_uuid: str, kind: str, now: str, deleted_by: str
) -> None:
    """Copy the record `record_uuid` of `table` and what goes with it, before it is deleted."""
    found = conn.execute(f"SELECT * FROM {table} WHERE uuid = ?", (record_uuid,))
    names = [d[0] for d in found.description]
    row = found.fetchone()
    if row is None:
        raise RecordNotFound()
    saved: Saved = [(table, dict(zip(names, row, strict=True)))]
    saved += _cascading(conn, table, saved[0][1]["id"])
    conn.execute(
        "INSERT INTO recently_deleted(kind, record_uuid, deleted_at, deleted_by, schema_version, "
        "rows, people) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            record_uuid,
            now,
            deleted_by,
            schema_version(conn),
            json.dumps([[t, _jsonable(r)] for t, r in saved]),
            " ".join(_people_named(conn, saved)),
        ),
    )


def entries(conn: Connection) -> list[DeletedEntry]:
    return _entries(conn)


def _entries(
    conn: Connection, where: str = "", params: tuple[object, ...] = ()
) -> list[DeletedEntry]:
    rows = conn.execute(
        "SELECT id, kind, record_uuid, deleted_at, deleted_by, rows, schema_version "
        f"FROM recently_deleted {where} ORDER BY deleted_at DESC, id DESC",
        params,
    )
    return [
        DeletedEntry(
            key, kind, uuid, at, by, [(t, _from_json(r)) for t, r in json.loads(saved)], version
        )
        for key, kind, uuid, at, by, saved, version in rows
    ]


def put_back(conn: Connection, entry_id: int) -> DeletedEntry:
    found = _entries(conn, "WHERE id = ?", (entry_id,))
    if not found:
        raise RecordNotFound()
    entry = found[0]
    if entry.schema_version != schema_version(conn):
        raise CannotPutBack(
            "This was deleted before PeerLog was updated, and cannot be put back as it was."
        )
    table, first = entry.rows[0]
    if conn.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (first["uuid"],)).fetchone():
        raise CannotPutBack("This record is already back. Nothing was changed.")
    conn.execute("SAVEPOINT put_back")
    try:
        for table, row in entry.rows:
            columns = ", ".join(row)
            marks = ", ".join("?" * len(row))
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    except SQLITE_ERRORS as exc:  # foreign keys are enforced: a row it refers to has gone
        conn.execute("ROLLBACK TO put_back")
        conn.execute("RELEASE put_back")
        raise CannotPutBack(
            "This cannot be put back: a person, volunteer or session it refers to has been "
            "deleted or erased since. Nothing was changed."
        ) from exc
    conn.execute("RELEASE put_back")
    conn.execute("DELETE FROM recently_deleted WHERE id = ?", (entry_id,))
    return entry


def forget_older_than(conn: Connection, cutoff: str) -> int:
    deleted: int = conn.execute(
        "DELETE FROM recently_deleted WHERE deleted_at < ?", (cutoff,)
    ).rowcount
    return deleted


def forget_person(conn: Connection, person_uuid: str) -> None:
    """Erasure: nothing deleted that names the person is kept."""
    conn.execute(f"DELETE FROM recently_deleted {_NAMING}", (_naming(person_uuid),))


_NAMING = "WHERE ' ' || people || ' ' LIKE ?"  # `people` holds ids separated by spaces


def _naming(person_uuid: str) -> str:
    return f"% {person_uuid} %"


def naming_person(conn: Connection, person_uuid: str) -> list[DeletedEntry]:
    """For subject access: what is kept here that names the person."""
    return _entries(conn, _NAMING, (_naming(person_uuid),))


def _cascading(conn: Connection, table: str, key: int) -> Saved:
    """The rows that deleting row `key` of `table` deletes too, parents first."""
    keys = [k for k in foreign_keys(conn) if k.on_delete.upper() == "CASCADE"]
    saved: Saved = []
    frontier: list[tuple[str, list[Row]]] = [(table, [{"id": key}])]
    while frontier:
        parent, parent_rows = frontier.pop(0)
        for fk in (k for k in keys if k.parent == parent):
            values = [r[fk.parent_column] for r in parent_rows if fk.parent_column in r]
            if not values:
                continue
            marks = ",".join("?" * len(values))
            cursor = conn.execute(
                f"SELECT * FROM {fk.table} WHERE {fk.column} IN ({marks})", values
            )
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            fresh = [r for r in rows if (fk.table, r) not in saved]
            saved += [(fk.table, r) for r in fresh]
            if fresh:
                frontier.append((fk.table, fresh))
    return saved


def _people_named(conn: Connection, saved: Saved) -> list[str]:
    keys = {row[c] for _t, row in saved for c in ("person_id",) if row.get(c) is not None}
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    return [
        str(r[0])
        for r in conn.execute(f"SELECT uuid FROM people WHERE id IN ({marks})", list(keys))
    ]


def _jsonable(row: Row) -> dict[str, Any]:
    return {
        k: {"b64": base64.b64encode(v).decode()} if isinstance(v, bytes) else v
        for k, v in row.items()
    }


def _from_json(row: dict[str, Any]) -> Row:
    return {k: base64.b64decode(v["b64"]) if isinstance(v, dict) else v for k, v in row.items()}
