"""Settings read and written inside a caller's transaction (Database.setting/set_setting open
their own)."""

from __future__ import annotations

from desktop_app.store.connection import Connection


def find(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def get(conn: Connection, key: str, default: str) -> str:
    value = find(conn, key)
    return default if value is None else value


def put(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
