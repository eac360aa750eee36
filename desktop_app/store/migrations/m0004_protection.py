"""Data protection: the audit trail, users who can be removed, and consent that says what the
person was told and when any part of it was withdrawn.

    audit_log(id, at, user_id, action, record_kind, record_id, previous_hash, hash)
        Append-only (triggers refuse UPDATE and DELETE). `hash` is SHA-256 over the entry and
        `previous_hash`, the hash of the entry before it, so an edited, removed or reordered
        entry breaks the chain and `peerlog check` says so. Entries name a record by its id,
        never its contents.
    users.removed_at              a removed user keeps their row (so the audit trail can still
                                  name them); their key slot is deleted
    people.anonymised_on          when the person was anonymised (kept for statistics only)
    consents.notice_version       the privacy notice version the person was told about
    consents.<part>_withdrawn_on  when that part of the consent was withdrawn (NULL: it stands)
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL DEFAULT '',
    record_id TEXT NOT NULL DEFAULT '',
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_log(record_id) WHERE record_id <> '';
CREATE INDEX audit_by_time ON audit_log(at);

ALTER TABLE users ADD COLUMN removed_at TEXT;

ALTER TABLE people ADD COLUMN anonymised_on TEXT;

ALTER TABLE consents ADD COLUMN notice_version TEXT NOT NULL DEFAULT '';
ALTER TABLE consents ADD COLUMN keep_data_withdrawn_on TEXT;
ALTER TABLE consents ADD COLUMN be_contacted_withdrawn_on TEXT;
ALTER TABLE consents ADD COLUMN share_story_withdrawn_on TEXT
"""


# Trigger bodies hold `;`, so they run one by one rather than through run_script.
TRIGGERS = tuple(
    f"CREATE TRIGGER audit_log_is_append_only_{verb.lower()} BEFORE {verb} ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END"
    for verb in ("UPDATE", "DELETE")
)


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)
    for trigger in TRIGGERS:
        conn.execute(trigger)


MIGRATION = Migration(4, "audit trail, removable users, consent notices and withdrawal", apply)
