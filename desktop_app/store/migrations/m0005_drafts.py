"""Drafts: a form that was being edited when PeerLog locked, kept inside the encrypted database
(never in a plain file) and offered again to the same user after unlocking.

    drafts(id, uuid, user_id, kind, record_id, title, fields, saved_at)
        kind: "person", "session", "volunteer", "hours" or "outcome"; record_id: the record the
        form was changing ("" for a new one; the person for an outcome form); fields: JSON of
        the form's field values, by field name. user_id "" is the recovery code's user.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX drafts_by_user ON drafts(user_id, saved_at)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(5, "drafts of forms left open when PeerLog locked", apply)
