"""What sync remembers about records: who last wrote each field (versions), what was deleted
(tombstones), who was erased, and what is pending here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.sync.merge_rules import NOT_SENT, Version
from desktop_app.store.connection import Connection

WHOLE = ""  # the field name of a record's version as a whole


def versions(conn: Connection, table: str, key: str) -> dict[str, Version]:
    rows = conn.execute(
        "SELECT field, hlc, laptop, sequence FROM sync_versions WHERE tbl = ? AND key = ?",
        (table, key),
    )
    return {str(f): Version(str(h), str(lap), s) for f, h, lap, s in rows}


def put_versions(
    conn: Connection,
    table: str,
    key: str,
    fields: Iterable[str],
    version: Version,
    subject: str | None,
) -> None:
    rows = [(table, key, f, version.hlc, version.laptop, version.sequence, subject) for f in fields]
    conn.executemany(
        "INSERT INTO sync_versions(tbl, key, field, hlc, laptop, sequence, subject) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, key, field) DO UPDATE SET "
        "hlc = excluded.hlc, laptop = excluded.laptop, sequence = excluded.sequence, "
        "subject = excluded.subject",
        rows,
    )


def forget_versions(
    conn: Connection, table: str, key: str, fields: Iterable[str] | None = None
) -> None:
    """Forget the record's versions (only those of `fields`, when given)."""
    if fields is None:
        conn.execute("DELETE FROM sync_versions WHERE tbl = ? AND key = ?", (table, key))
        return
    conn.executemany(
        "DELETE FROM sync_versions WHERE tbl = ? AND key = ? AND field = ?",
        [(table, key, f) for f in fields],
    )


def tombstone(conn: Connection, table: str, key: str) -> Version | None:
    row = conn.execute(
        "SELECT hlc, laptop, sequence FROM sync_tombstones WHERE tbl = ? AND key = ?",
        (table, key),
    ).fetchone()
    return None if row is None else Version(str(row[0]), str(row[1]), row[2])


def bury(conn: Connection, table: str, key: str, version: Version, subject: str | None) -> None:
    """Remember a deletion (the latest, when deleted more than once)."""
    conn.execute(
        "INSERT INTO sync_tombstones(tbl, key, hlc, laptop, sequence, subject) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, key) DO UPDATE SET hlc = excluded.hlc, "
        "laptop = excluded.laptop, sequence = excluded.sequence, subject = excluded.subject "
        "WHERE excluded.hlc > hlc",
        (table, key, version.hlc, version.laptop, version.sequence, subject),
    )


@dataclass(frozen=True)
class Noted:
    """One record's writes since the last send, folded: the order it was first noted in."""

    table: str
    key: str
    state: str
    fields: frozenset[str]
    subject: str | None
    first: int


Waiting = dict[tuple[str, str], Noted]


def pending(conn: Connection) -> Waiting:
    """Every record noted since the last send, its writes folded in order: added then edited
    is added; deleted then added (put back) is added whole; edits add up their fields."""
    folded: Waiting = {}
    rows = conn.execute("SELECT id, tbl, key, state, fields, subject FROM sync_pending ORDER BY id")
    for seq, table, key, state, names, subject in rows:
        fold(folded, Noted(str(table), str(key), str(state), _fields(names), subject, int(seq)))
    return folded


def fold(folded: Waiting, write: Noted) -> None:
    before = folded.get((write.table, write.key))
    if before is None:
        folded[(write.table, write.key)] = write
        return
    state, fields = write.state, write.fields
    if state == "put" and before.state in ("whole", "put"):
        state, fields = before.state, before.fields | fields
    subject = write.subject if write.subject is not None else before.subject
    folded[(write.table, write.key)] = Noted(
        write.table, write.key, state, fields, subject, before.first
    )


def _fields(names: object) -> frozenset[str]:
    return frozenset(f for f in str(names).split(",") if f)


def not_sent(laptop: str) -> Version:
    """The version of a value changed here and not sent yet."""
    return Version(NOT_SENT, laptop, None)


def note(
    conn: Connection,
    waiting: Waiting,
    table: str,
    key: str,
    fields: Iterable[str],
    subject: str | None,
) -> None:
    """Note fields changed here by applying (a reference shared out, a headcount), so that
    they travel as this laptop's change."""
    text = "".join(f"{f}," for f in fields)
    seq = conn.execute(
        "INSERT INTO sync_pending(tbl, key, state, fields, subject) VALUES (?, ?, 'put', ?, ?)",
        (table, key, text, subject),
    ).lastrowid
    fold(waiting, Noted(table, key, "put", _fields(text), subject, int(seq)))


def erased_subjects(conn: Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT uuid FROM sync_erased")}


def wipe(conn: Connection, person_uuid: str) -> None:
    """The person is erased: remember that, and keep nothing about them."""
    conn.execute("INSERT OR IGNORE INTO sync_erased(uuid) VALUES (?)", (person_uuid,))
    for table in ("sync_pending", "sync_versions", "sync_tombstones", "sync_conflicts"):
        conn.execute(f"DELETE FROM {table} WHERE subject = ?", (person_uuid,))
