"""Sync between laptops, this laptop's side of the shared folder.

sync_outbox            this laptop's batches, as written to the shared folder (JSON), kept until
                       every known laptop has them: a batch is saved here in the same transaction
                       that takes the changes, then written out, so a crash in between loses
                       nothing and sends nothing twice; an erasure rewrites them without the person
sync_received_audit    every other laptop's audit trail as it arrived, each chain checked by
                       `peerlog check`
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
CREATE TABLE sync_outbox (
    sequence INTEGER PRIMARY KEY,
    written_at TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE TABLE sync_received_audit (
    laptop TEXT NOT NULL,
    position INTEGER NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (laptop, position)
) WITHOUT ROWID
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(15, "sync between laptops: outbox and other laptops' audit trails", apply)
