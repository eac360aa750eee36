"""A safeguarding log instead of a tick box and a note on each session.

    safeguarding_concerns(id, uuid, person_id -> people NULL, session_id -> sessions NULL,
                          raised_on, raised_by, kind, what_happened, passed_to, resolved_on,
                          resolved_by)
        about a person, a session or both; raised_by and resolved_by are user ids ("" for the
        recovery code, or for a concern moved here from a session, where nobody was recorded);
        kind holds a CONCERN_KIND code of resources/reference/vocabularies.md; passed_to says
        whom it was passed to (the organisation's safeguarding lead, a named service).
    safeguarding_actions(id, uuid, concern_id -> safeguarding_concerns, taken_on, what, by_whom)
        each thing done about a concern, dated.

Every session that had a concern ticked becomes a concern of kind "not recorded" about that
session, raised on the session's date, with its follow-up note as what happened and its resolved
date; then the three session columns go (the partial index on them first).

Erasing a person deletes the concerns about them (and their actions). Deleting a session keeps
the concerns about it, no longer linked to it (a concern about nobody then only a coordinator
sees, as before).
"""

from desktop_app.domain.identity import new_id
from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

SCRIPT = f"""
CREATE TABLE safeguarding_concerns (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    raised_on TEXT NOT NULL,
    raised_by TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    what_happened TEXT NOT NULL DEFAULT '',
    passed_to TEXT NOT NULL DEFAULT '',
    resolved_on TEXT,
    resolved_by TEXT NOT NULL DEFAULT '',
    {STAMPS}
);
CREATE INDEX concerns_open_first ON safeguarding_concerns(resolved_on IS NOT NULL, raised_on);
CREATE INDEX concerns_of_person ON safeguarding_concerns(person_id);
CREATE INDEX concerns_of_session ON safeguarding_concerns(session_id);
CREATE INDEX concerns_by_raiser ON safeguarding_concerns(raised_by);

CREATE TABLE safeguarding_actions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    concern_id INTEGER NOT NULL REFERENCES safeguarding_concerns(id) ON DELETE CASCADE,
    taken_on TEXT NOT NULL,
    what TEXT NOT NULL,
    by_whom TEXT NOT NULL DEFAULT '',
    {STAMPS}
);
CREATE INDEX actions_of_concern ON safeguarding_actions(concern_id, taken_on)
"""

DROP_OLD = """
DROP INDEX IF EXISTS sessions_with_open_concerns;
ALTER TABLE sessions DROP COLUMN safeguarding_concern;
ALTER TABLE sessions DROP COLUMN safeguarding_follow_up;
ALTER TABLE sessions DROP COLUMN safeguarding_resolved_on
"""

NOT_RECORDED = "not_recorded"  # the CONCERN_KIND code for concerns moved here from sessions


def _move_session_concerns(conn: Connection) -> None:
    rows = conn.execute(
        "SELECT id, held_on, safeguarding_follow_up, safeguarding_resolved_on, created_at, "
        "updated_at FROM sessions WHERE safeguarding_concern = 1 ORDER BY id"
    ).fetchall()
    conn.executemany(
        "INSERT INTO safeguarding_concerns(uuid, session_id, raised_on, kind, what_happened, "
        "resolved_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (new_id(), key, held_on, NOT_RECORDED, follow_up, resolved_on, created, updated)
            for key, held_on, follow_up, resolved_on, created, updated in rows
        ),
    )


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)
    _move_session_concerns(conn)
    run_script(conn, DROP_OLD)


MIGRATION = Migration(13, "a safeguarding log of concerns and actions", apply)
