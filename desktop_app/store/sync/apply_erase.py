"""Applying an erasure from another laptop: final, and about a person, never a record.

The person and everything about them go through the same store function the window uses
(`erasure_repo.erase_person`: drafts about them, their records, sessions' anonymous
headcounts), without a second audit entry (the erasing laptop's trail travels on its own).

Anonymous headcounts: the erasing laptop raised the headcount of each session it knew the
person attended, and those raised headcounts travel as ordinary session edits. So here an
attendance the erasing laptop had seen is removed without counting it again; one it had not
seen (ticked here, or on a third laptop, since they last met) is counted here, and that raised
headcount is noted to travel as this laptop's edit.

Afterwards the person is remembered as erased (every later or earlier change about them is
ignored) and nothing sync kept about them stays: pending changes, versions, tombstones,
conflicts. Their entries in Recently deleted go too.
"""

from __future__ import annotations

from desktop_app.domain.sync.changes import Change, ChangeBatch
from desktop_app.domain.sync.merge_rules import sender_had_seen
from desktop_app.store.connection import Connection
from desktop_app.store.protection import erasure_repo
from desktop_app.store.records import recently_deleted
from desktop_app.store.sync import history
from desktop_app.store.sync.history import WHOLE


def apply_erase(
    conn: Connection, change: Change, batch: ChangeBatch, waiting: history.Waiting
) -> bool:
    """Erase the person `change.key`; whether they were here."""
    person = change.key
    row = conn.execute("SELECT id FROM people WHERE uuid = ?", (person,)).fetchone()
    if row is None:
        history.wipe(conn, person)
        recently_deleted.forget_person(conn, person)
        return False
    counted_here = []
    for session_id, session in conn.execute(
        "SELECT s.id, s.uuid FROM attendances a JOIN sessions s ON s.id = a.session_id "
        "WHERE a.person_id = ?",
        (row[0],),
    ).fetchall():
        if _seen_by_eraser(conn, f"{session}|{person}", batch, waiting):
            conn.execute(
                "DELETE FROM attendances WHERE session_id = ? AND person_id = ?",
                (session_id, row[0]),
            )
        else:
            counted_here.append(str(session))
    recently_deleted.forget_person(conn, person)
    erasure_repo.erase_person(conn, person)
    for session in counted_here:
        history.note(conn, waiting, "sessions", session, ["anonymous_headcount"], None)
    return True


def _seen_by_eraser(
    conn: Connection, key: str, batch: ChangeBatch, waiting: history.Waiting
) -> bool:
    if ("attendances", key) in waiting:
        return False  # ticked here, not sent yet
    ticked = history.versions(conn, "attendances", key).get(WHOLE)
    if ticked is None:
        return True  # there when sync began
    return sender_had_seen(ticked, batch.laptop, batch.seen)
