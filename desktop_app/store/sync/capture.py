"""This laptop's own changes: turning what the triggers noted (triggers.py) into `Change`s to
send, keeping the triggers quiet while another laptop's changes are applied, and noting an
erasure as one change.

Erasure: `erasure_repo.erase_person` removes the person inside `erasing(conn, uuid)`. The
triggers stay quiet for the removal (nothing of it is noted record by record: not a hundred
deletions), then the person is remembered as erased, everything sync kept about them is wiped,
and one "erase" change is noted to send. The sessions' anonymous headcounts it raised just before
are noted as ordinary edits and travel as such (so a laptop applying the erasure does not count
those attendances a second time: see apply_erase.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from desktop_app.domain.sync.changes import Change, Hlc
from desktop_app.domain.sync.merge_rules import Version, next_reading
from desktop_app.store.connection import Connection
from desktop_app.store.sync import clock, history
from desktop_app.store.sync.history import WHOLE
from desktop_app.store.sync.shapes import shapes
from desktop_app.store.sync.tables import RANK

_APPLYING = "applying"
_ERASING = "erasing"


def _quiet_now(conn: Connection) -> bool:
    return conn.execute("SELECT 1 FROM sync_quiet").fetchone() is not None


def applying(conn: Connection) -> bool:
    """Whether another laptop's changes are being applied (inside `quiet`)."""
    row = conn.execute("SELECT 1 FROM sync_quiet WHERE why = ?", (_APPLYING,)).fetchone()
    return row is not None


@contextlib.contextmanager
def quiet(conn: Connection, why: str = _APPLYING) -> Iterator[None]:
    """The triggers note nothing inside (nested uses are fine). The row lives in the main
    database, inside the caller's transaction: triggers cannot see TEMP tables."""
    added = conn.execute("INSERT OR IGNORE INTO sync_quiet(why) VALUES (?)", (why,)).rowcount
    try:
        yield
    finally:
        if added:
            conn.execute("DELETE FROM sync_quiet WHERE why = ?", (why,))


@contextlib.contextmanager
def baseline(conn: Connection) -> Iterator[None]:
    """Records written inside are where every laptop starts (a demo database is made whole
    before anyone copies it): nothing is noted to send, so a million attendances do not wait
    in the pending list."""
    with quiet(conn, "baseline"):
        yield


@contextlib.contextmanager
def erasing(conn: Connection, person_uuid: str) -> Iterator[None]:
    """Around the removal of an erased person (see the module's note)."""
    from_elsewhere = applying(conn)
    with quiet(conn, _ERASING):
        yield
    history.wipe(conn, person_uuid)
    if not from_elsewhere:
        conn.execute(
            "INSERT INTO sync_pending(tbl, key, state, fields, subject, noted_ms) "
            f"VALUES ('people', ?, 'erase', '', ?, {clock.NOTED})",
            (person_uuid, person_uuid),
        )


def take_pending(conn: Connection, laptop: str, sequence: int, now_ms: int) -> tuple[Change, ...]:
    """Turn everything noted since the last call into changes stamped by this laptop's clock,
    parents first, record who wrote each value (batch `sequence`) and clear the list. Inside
    the caller's transaction (the one that writes the batch)."""
    if _quiet_now(conn):
        raise RuntimeError("changes are being applied")
    found = shapes(conn)
    noted = sorted(history.pending(conn).values(), key=lambda n: (RANK.get(n.table, 99), n.first))
    readings = _readings(noted, now_ms, laptop)
    changes: list[Change] = []
    for n in noted:
        table, key, state, subject = n.table, n.key, n.state, n.subject
        shape = found.get(table)
        if shape is None:
            continue
        version = Version(readings[(n.first, 0)].text(), laptop, sequence)
        hlc = version.hlc
        if state == "erase":
            changes.append(Change(table, key, hlc, "erase", subject=subject))
            continue
        if state == "delete":
            history.bury(conn, table, key, version, subject)
            history.forget_versions(conn, table, key)
            changes.append(Change(table, key, hlc, "delete", subject=subject))
            continue
        current = shape.read(conn, key)
        if current is None:  # deleted since by a change applied from elsewhere
            continue
        if state == "whole":
            history.forget_versions(conn, table, key)
            history.put_versions(conn, table, key, [WHOLE], version, subject)
            changes.append(Change(table, key, hlc, "put", current, subject=subject, whole=True))
            if not n.fields:
                continue
            version = Version(readings[(n.first, 1)].text(), laptop, sequence)
        values = {f: v for f, v in current.items() if f in n.fields}
        if values:
            history.put_versions(conn, table, key, values, version, subject)
            changes.append(Change(table, key, version.hlc, "put", values, subject=subject))
    if readings:
        latest = clock.latest(conn)
        newest = max(readings.values())
        clock.save(conn, newest if latest is None or newest > latest else latest, laptop)
    conn.execute("DELETE FROM sync_pending")
    return tuple(changes)


def _readings(noted: list[history.Noted], now_ms: int, laptop: str) -> dict[tuple[int, int], Hlc]:
    """Each change dated by when it was made, in the order they were made (`now_ms` when not
    known); the counter tells apart changes of the same millisecond. Keyed by (the record's
    first write, 0 for the record or its deletion, 1 for edits since it was added here)."""
    moments = [(n.noted_ms or now_ms, n.first, 0) for n in noted]
    moments += [
        (n.edited_ms or now_ms, n.first, 1) for n in noted if n.state == "whole" and n.fields
    ]
    readings: dict[tuple[int, int], Hlc] = {}
    last: Hlc | None = None
    for ms, first, part in sorted(moments):
        last = next_reading(last, ms, laptop)
        readings[(first, part)] = last
    return readings


def forget_pending(conn: Connection) -> None:
    """A copy of this database becomes a new laptop: what the old laptop had not sent is not
    this one's to send."""
    conn.execute("DELETE FROM sync_pending")
    conn.execute("UPDATE sync_clock SET laptop = ''")
