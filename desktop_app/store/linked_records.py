"""Everything linked to one record, found by walking the schema's foreign keys rather than by a
list kept by hand, so that a table added later (outcomes, say) is found without anyone
remembering to add it. Used for subject access requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.store.connection import Connection

Row = dict[str, Any]
MAX_DEPTH = 3  # people -> assessments -> scores is two; leave room for one more


@dataclass(frozen=True)
class ForeignKey:
    table: str  # the table holding the key
    column: str  # its column
    parent: str  # the table referred to
    parent_column: str  # the column referred to
    on_delete: str  # CASCADE, SET NULL, RESTRICT, NO ACTION...


def foreign_keys(conn: Connection) -> list[ForeignKey]:
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    keys = []
    for table in tables:
        for row in conn.execute(f"PRAGMA foreign_key_list({_quoted(table)})"):
            parent, column, parent_column = str(row[2]), str(row[3]), row[4]
            keys.append(ForeignKey(table, column, parent, str(parent_column or "id"), str(row[6])))
    return keys


def linked_rows(conn: Connection, table: str, key: int) -> dict[str, list[Row]]:
    """Every row, in every table, that refers to row `key` of `table` (directly, or through a
    row that does), by table name. Tables that refer to it but hold nothing for it are present
    with no rows, so a reader sees they were looked at."""
    keys = foreign_keys(conn)
    found: dict[str, list[Row]] = {}
    frontier: list[tuple[str, list[Row]]] = [(table, [{"id": key}])]
    for _depth in range(MAX_DEPTH):
        next_frontier = []
        for parent, parent_rows in frontier:
            for fk in (k for k in keys if k.parent == parent and k.table != table):
                values = [r[fk.parent_column] for r in parent_rows if fk.parent_column in r]
                rows = _rows_where(conn, fk.table, fk.column, values)
                found.setdefault(fk.table, [])
                known = found[fk.table]
                fresh = [r for r in rows if r not in known]
                known.extend(fresh)
                if fresh:
                    next_frontier.append((fk.table, fresh))
        frontier = next_frontier
    return found


def delete_rows_that_would_block(conn: Connection, table: str, key: int) -> None:
    """Delete the rows referring to row `key` of `table` whose foreign key neither cascades nor
    clears itself, so that deleting the row removes everything linked to it, whatever a later
    table chose."""
    for fk in foreign_keys(conn):
        if fk.parent == table and fk.on_delete.upper() not in ("CASCADE", "SET NULL"):
            conn.execute(f"DELETE FROM {_quoted(fk.table)} WHERE {_quoted(fk.column)} = ?", (key,))


def _rows_where(conn: Connection, table: str, column: str, values: list[Any]) -> list[Row]:
    if not values:
        return []
    marks = ",".join("?" * len(values))
    cursor = conn.execute(
        f"SELECT * FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})", values
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def attendances_with_sessions(conn: Connection, person_key: int) -> list[Row]:
    """The sessions a person attended, oldest first, with what a reader needs to know of each."""
    cursor = conn.execute(
        "SELECT s.uuid AS session_id, s.held_on, s.starts_at, s.kind, s.mode, s.venue "
        "FROM attendances a JOIN sessions s ON s.id = a.session_id WHERE a.person_id = ? "
        "ORDER BY s.held_on, s.starts_at",
        (person_key,),
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def referrals_with_sessions(conn: Connection, person_key: int) -> list[Row]:
    cursor = conn.execute(
        "SELECT r.uuid AS id, s.held_on, r.destination FROM onward_referrals r "
        "JOIN sessions s ON s.id = r.session_id WHERE r.person_id = ? ORDER BY s.held_on",
        (person_key,),
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
