"""What sync remembers about records: who last wrote each field (versions), what was deleted
(tombstones), who was erased, and what is pending here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.domain.sync.changes import Hlc
from desktop_app.domain.sync.merge_rules import NOT_SENT, Version
from desktop_app.store.connection import Connection
from desktop_app.store.sync import clock

WHOLE = ""  # the field name of a record's version as a whole


@dataclass(frozen=True)
class Pending:
    state: str  # whole, put, delete, erase
    fields: frozenset[str]
    noted_ms: int = 0  # when it was changed here, or added (0: not known)
    edited_ms: int = 0  # a record added here: when the `fields` were edited since


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
    conn.executemany(
        "INSERT INTO sync_versions(tbl, key, field, hlc, laptop, sequence, subject) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, key, field) DO UPDATE SET "
        "hlc = excluded.hlc, laptop = excluded.laptop, sequence = excluded.sequence, "
        "subject = excluded.subject",
        [(table, key, f, version.hlc, version.laptop, version.sequence, subject) for f in fields],
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


def pending(conn: Connection, table: str, key: str) -> Pending | None:
    row = conn.execute(
        "SELECT state, fields, noted_ms, edited_ms FROM sync_pending WHERE tbl = ? AND key = ?",
        (table, key),
    ).fetchone()
    if row is None:
        return None
    fields = frozenset(f for f in str(row[1]).split(",") if f)
    return Pending(str(row[0]), fields, int(row[2]), int(row[3]))


def not_sent(laptop: str, noted_ms: int = 0) -> Version:
    """The version of a value changed here and not sent yet: dated when it was changed (it
    will travel with that date), or later than everything when that is not known."""
    hlc = Hlc(noted_ms, 0, laptop).text() if noted_ms else NOT_SENT
    return Version(hlc, laptop, None)


def drop_pending_field(conn: Connection, table: str, key: str, field: str) -> None:
    """A value changed here was overtaken by a later one from another laptop: it is not sent."""
    conn.execute(
        "UPDATE sync_pending SET fields = replace(fields, ?, '') "
        "WHERE tbl = ? AND key = ? AND state IN ('put', 'whole')",
        (f"{field},", table, key),
    )


def note(
    conn: Connection, table: str, key: str, fields: Iterable[str], subject: str | None
) -> None:
    """Note fields changed here by applying (a reference shared out, a headcount), so that
    they travel as this laptop's change."""
    text = "".join(f"{f}," for f in fields)
    conn.execute(
        "INSERT INTO sync_pending(tbl, key, state, fields, subject, noted_ms) "
        f"VALUES (?, ?, 'put', ?, ?, {clock.NOTED}) "
        "ON CONFLICT(tbl, key) DO UPDATE SET fields = CASE WHEN state = 'put' "
        "THEN fields || excluded.fields ELSE fields END, noted_ms = CASE WHEN state = 'put' "
        "THEN excluded.noted_ms ELSE noted_ms END",
        (table, key, text, subject),
    )


def erased_subjects(conn: Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT uuid FROM sync_erased")}


def wipe(conn: Connection, person_uuid: str) -> None:
    """The person is erased: remember that, and keep nothing about them."""
    conn.execute("INSERT OR IGNORE INTO sync_erased(uuid) VALUES (?)", (person_uuid,))
    for table in ("sync_pending", "sync_versions", "sync_tombstones", "sync_conflicts"):
        conn.execute(f"DELETE FROM {table} WHERE subject = ?", (person_uuid,))
