"""The people who can unlock a database, each with their own passphrase slot."""

from desktop_app.store.connection import Connection


def first_coordinator_id(conn: Connection) -> str | None:
    row = conn.execute(
        "SELECT id FROM users WHERE role = 'coordinator' ORDER BY created_at, rowid LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None
