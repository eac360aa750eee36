"""How the review list names a record a conflict is about: a person or volunteer by reference
and name, a session by date and kind, anything else by what it is."""

from __future__ import annotations

from desktop_app.store.connection import Connection

_LABELS = {
    "people": "SELECT ref || ' ' || known_as FROM people WHERE uuid = ?",
    "volunteers": "SELECT ref || ' ' || name FROM volunteers WHERE uuid = ?",
    "sessions": "SELECT held_on || ', ' || replace(kind, '_', ' ') FROM sessions WHERE uuid = ?",
}


def record_label(conn: Connection, table: str, key: str) -> str:
    query = _LABELS.get(table)
    if query is not None:
        row = conn.execute(query, (key,)).fetchone()
        if row and row[0]:
            return str(row[0])
    return f"a record ({table.replace('_', ' ')})"
