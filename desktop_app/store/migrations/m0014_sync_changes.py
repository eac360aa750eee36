"""Sync between laptops: what this laptop changed and has not sent, who last wrote each field,
what was deleted and erased, and what needs review (see store/sync and domain/sync).

sync_quiet          a row while changes from another laptop are applied (triggers note nothing)
sync_pending        what changed here, not yet sent, one row per write, oldest first
                    (appended, never updated: a million rows added in one go stay quick):
                    `whole` (added or put back), `put` (`fields`: the columns changed, each
                    followed by a comma), `delete` or `erase`; `subject`: the uuid of the
                    person the record is about; `noted_ms`: when it was written (this
                    laptop's clock, never behind a reading it has received), which dates the
                    change: a change travels with the time it was made, not the time it was
                    sent, and a record added then edited travels as the record when added
                    plus the edits when made, so an edit elsewhere in between is not lost
sync_clock          this laptop's hybrid logical clock (the latest reading made or received),
                    and this laptop's id once it has sent anything
sync_versions       who last wrote a field: clock text, laptop, the sequence of the batch it
                    travelled in. Field '' is the record as a whole (added, put back, ticked):
                    the version of every field with none of its own. A field with no version at
                    all is as it was when sync began, older than everything.
sync_tombstones     records deleted, with the clock of the deletion
sync_erased         people erased: every change about them is ignored
sync_conflicts      the same field changed on two laptops since they last met: both values
                    (JSON), the one kept and the other, until someone reviews them

Records already in the database are the baseline: nothing is pending, no versions.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script
from desktop_app.store.sync import triggers

SCRIPT = """
CREATE TABLE sync_quiet (why TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE sync_pending (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('whole', 'put', 'delete', 'erase')),
    fields TEXT NOT NULL DEFAULT '',
    subject TEXT,
    noted_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    wall_ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    laptop TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sync_versions (
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc TEXT NOT NULL,
    laptop TEXT NOT NULL,
    sequence INTEGER,
    subject TEXT,
    PRIMARY KEY (tbl, key, field)
) WITHOUT ROWID;
CREATE INDEX sync_versions_by_subject ON sync_versions(subject) WHERE subject IS NOT NULL;
CREATE TABLE sync_tombstones (
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    hlc TEXT NOT NULL,
    laptop TEXT NOT NULL,
    sequence INTEGER,
    subject TEXT,
    PRIMARY KEY (tbl, key)
) WITHOUT ROWID;
CREATE INDEX sync_tombstones_by_subject ON sync_tombstones(subject) WHERE subject IS NOT NULL;
CREATE TABLE sync_erased (uuid TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    subject TEXT,
    kept TEXT NOT NULL,
    kept_hlc TEXT NOT NULL,
    kept_laptop TEXT NOT NULL,
    other TEXT NOT NULL,
    other_hlc TEXT NOT NULL,
    other_laptop TEXT NOT NULL,
    found_at TEXT NOT NULL,
    reviewed_at TEXT,
    UNIQUE (tbl, key, field, kept_hlc, other_hlc)
);
CREATE INDEX sync_conflicts_by_subject ON sync_conflicts(subject) WHERE subject IS NOT NULL
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)
    triggers.recreate(conn)


MIGRATION = Migration(14, "sync between laptops: changes noted, versions, conflicts", apply)
