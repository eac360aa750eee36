"""Settings (organisation name and the like) and the users who hold key slots."""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'lead')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(1, "settings and users", apply)
