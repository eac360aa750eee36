"""Recently deleted records, kept for a while so that a deletion can be undone.

recently_deleted.kind            what was deleted: session, outcome, volunteer hours...
recently_deleted.record_uuid     its id
recently_deleted.deleted_at      when (UTC, ISO 8601); kept for a limited number of days
recently_deleted.deleted_by      the user id who deleted it ("" for the recovery code)
recently_deleted.schema_version  the schema its rows were read under: put back only under it
recently_deleted.rows            JSON: the record's row and every row deleted with it
recently_deleted.people          the ids of the people its rows name, so that erasing a
                                 person removes them from here too
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
CREATE TABLE recently_deleted (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL DEFAULT '',
    schema_version INTEGER NOT NULL,
    rows TEXT NOT NULL,
    people TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recently_deleted_by_time ON recently_deleted(deleted_at)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(11, "recently deleted records, to put back", apply)
