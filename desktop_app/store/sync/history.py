"""What sync remembers about records: who last wrote each field (versions), what was deleted
(tombstones), who was erased, and what is pending here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from desktop_app.domain.sync.changes import Hlc
from desktop_app.domain.sync.merge_rules import NOT_SENT, Version
from desktop_app.store.connection import Connection
from desktop_app.store.sync import clock, outbox_repo

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
    """One record's writes since the last send, folded: the order it was first noted in, and
    when it was written (`noted_ms`: added, deleted, or last edited; for a record added here,
    `edited_ms`: when the `fields` were last edited since it was added)."""

    table: str
    key: str
    state: str
    fields: frozenset[str]
    subject: str | None
    first: int
    noted_ms: int = 0
    edited_ms: int = 0


Waiting = dict[tuple[str, str], Noted]


def pending(conn: Connection) -> Waiting:
    """Every record noted since the last send, its writes folded in order: added then edited
    is added (with the edits dated apart); deleted then added (put back) is added whole; edits
    add up their fields."""
    folded: Waiting = {}
    rows = conn.execute(
        "SELECT id, tbl, key, state, fields, subject, noted_ms FROM sync_pending ORDER BY id"
    )
    for seq, table, key, state, names, subject, noted_ms in rows:
        write = Noted(
            str(table), str(key), str(state), _fields(names), subject, int(seq), int(noted_ms)
        )
        fold(folded, write)
    return folded


def fold(folded: Waiting, write: Noted) -> None:
    before = folded.get((write.table, write.key))
    if before is None:
        folded[(write.table, write.key)] = write
        return
    subject = write.subject if write.subject is not None else before.subject
    if write.state == "put" and before.state == "whole":
        folded[(write.table, write.key)] = replace(
            before,
            fields=before.fields | write.fields,
            subject=subject,
            edited_ms=write.noted_ms,
        )
    elif write.state == "put" and before.state == "put":
        folded[(write.table, write.key)] = replace(
            before,
            fields=before.fields | write.fields,
            subject=subject,
            noted_ms=write.noted_ms,
        )
    else:
        folded[(write.table, write.key)] = replace(write, subject=subject, first=before.first)


def _fields(names: object) -> frozenset[str]:
    return frozenset(f for f in str(names).split(",") if f)


def not_sent(laptop: str, noted_ms: int = 0) -> Version:
    """The version of a value changed here and not sent yet: dated when it was changed (it
    will travel with that date), or later than everything when that is not known."""
    hlc = Hlc(noted_ms, 0, laptop).text() if noted_ms else NOT_SENT
    return Version(hlc, laptop, None)


def drop_pending_field(
    conn: Connection, waiting: Waiting, table: str, key: str, field: str
) -> None:
    """A value changed here was overtaken by a later one from another laptop: it is not sent."""
    conn.execute(
        "UPDATE sync_pending SET fields = replace(fields, ?, '') "
        "WHERE tbl = ? AND key = ? AND state = 'put'",
        (f"{field},", table, key),
    )
    noted = waiting.get((table, key))
    if noted is not None:
        waiting[(table, key)] = replace(noted, fields=noted.fields - {field})


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
    seq, noted_ms = conn.execute(
        "INSERT INTO sync_pending(tbl, key, state, fields, subject, noted_ms) "
        f"VALUES (?, ?, 'put', ?, ?, {clock.NOTED}) RETURNING id, noted_ms",
        (table, key, text, subject),
    ).fetchone()
    fold(waiting, Noted(table, key, "put", _fields(text), subject, int(seq), int(noted_ms)))


def erased_subjects(conn: Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT uuid FROM sync_erased")}


def wipe(conn: Connection, person_uuid: str) -> None:
    """The person is erased: remember that, and keep nothing about them."""
    conn.execute("INSERT OR IGNORE INTO sync_erased(uuid) VALUES (?)", (person_uuid,))
    outbox_repo.wipe_subject(conn, person_uuid)
    for table in ("sync_pending", "sync_versions", "sync_tombstones", "sync_conflicts"):
        conn.execute(f"DELETE FROM {table} WHERE subject = ?", (person_uuid,))
