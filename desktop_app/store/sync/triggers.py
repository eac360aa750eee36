"""The triggers that note every local change to a travelling table in `sync_pending`, made from
the table descriptions (tables.py).

One row appended per write (history.pending folds them): `whole` (added or put back: all of
its fields travel), `put` (the fields changed, each followed by a comma) or `delete`. Nothing
is noted while `sync_quiet` has a row (changes being applied from another laptop, or an
erasure, which travels as one change).
A record deleted because the record it belongs to was deleted (a consent of a deleted person) is
not noted: the parent's deletion does the same on every laptop.

A migration that alters a travelling table (or adds one to tables.py) calls `recreate`.
"""

from __future__ import annotations

from desktop_app.store.connection import Connection
from desktop_app.store.sync import clock
from desktop_app.store.sync.shapes import identity_sql, shape, subject_sql
from desktop_app.store.sync.tables import TABLES, Table

_LOUD = "NOT EXISTS (SELECT 1 FROM sync_quiet)"
_APPEND = "INSERT INTO sync_pending(tbl, key, state, fields, subject, noted_ms) "


def _only(table: Table, alias: str) -> str:
    if not table.only:
        return ""
    names = ", ".join(f"'{name}'" for name in table.only)
    return f" AND {alias}.key IN ({names})"


def _parents_here(table: Table) -> str:
    return "".join(
        f" AND (OLD.{c} IS NULL OR EXISTS (SELECT 1 FROM {parent} WHERE id = OLD.{c}))"
        for c, parent in table.links.items()
    )


def _noting(table: Table, alias: str, state: str, fields: str) -> str:
    return (
        f"{_APPEND}SELECT '{table.name}', k, '{state}', f, s, {clock.NOTED} FROM (SELECT "
        f"{identity_sql(table, alias)} AS k, {fields} AS f, {subject_sql(table, alias)} AS s) "
        f"WHERE k IS NOT NULL AND (f <> '' OR '{state}' <> 'put')"
    )


def statements(conn: Connection, table: Table) -> list[str]:
    """The three triggers of one table (each a statement with `;` inside)."""
    name = table.name
    changed = " || ".join(
        f"(CASE WHEN OLD.{c} IS NOT NEW.{c} THEN '{c},' ELSE '' END)"
        for c in shape(conn, table).fields
    )
    inserted = _noting(table, "NEW", "whole", "''")
    updated = _noting(table, "NEW", "put", changed or "''")
    deleted = _noting(table, "OLD", "delete", "''")
    return [
        f"CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name} "
        f"WHEN {_LOUD}{_only(table, 'NEW')} BEGIN {inserted}; END",
        f"CREATE TRIGGER sync_{name}_update AFTER UPDATE ON {name} "
        f"WHEN {_LOUD}{_only(table, 'NEW')} BEGIN {updated}; END",
        f"CREATE TRIGGER sync_{name}_delete AFTER DELETE ON {name} "
        f"WHEN {_LOUD}{_only(table, 'OLD')}{_parents_here(table)} BEGIN {deleted}; END",
    ]


def recreate(conn: Connection) -> None:
    """Drop and make again every table's triggers (for the tables this schema has)."""
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    present = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table in TABLES:
        if table.name in present:
            for statement in statements(conn, table):
                conn.execute(statement)
