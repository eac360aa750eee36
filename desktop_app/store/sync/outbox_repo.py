"""This laptop's batches, kept until every known laptop has them (see m0015)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

from desktop_app.domain.sync.batch_json import batch_from_data, batch_to_data
from desktop_app.store.connection import Connection


def add(conn: Connection, sequence: int, written_at: str, content: bytes) -> None:
    conn.execute(
        "INSERT INTO sync_outbox(sequence, written_at, content) VALUES (?, ?, ?)",
        (sequence, written_at, content),
    )


def replace(conn: Connection, sequence: int, content: bytes) -> None:
    conn.execute("UPDATE sync_outbox SET content = ? WHERE sequence = ?", (content, sequence))


def sequences(conn: Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT sequence FROM sync_outbox ORDER BY sequence")]


def content(conn: Connection, sequence: int) -> bytes | None:
    row = conn.execute("SELECT content FROM sync_outbox WHERE sequence = ?", (sequence,)).fetchone()
    return bytes(row[0]) if row else None


def all_batches(conn: Connection) -> Iterator[tuple[int, bytes]]:
    for sequence, data in conn.execute("SELECT sequence, content FROM sync_outbox ORDER BY 1"):
        yield int(sequence), bytes(data)


def written_before(conn: Connection, moment: str) -> int:
    """The highest sequence of the unbroken run of batches written before `moment`."""
    last = 0
    for sequence, written_at in conn.execute(
        "SELECT sequence, written_at FROM sync_outbox ORDER BY sequence"
    ):
        if str(written_at) >= moment:
            break
        last = int(sequence)
    return last


def remove_through(conn: Connection, sequence: int) -> None:
    conn.execute("DELETE FROM sync_outbox WHERE sequence <= ?", (sequence,))


def clear(conn: Connection) -> None:
    conn.execute("DELETE FROM sync_outbox")


def wipe_subject(conn: Connection, person_uuid: str) -> None:
    """An erased person: their changes go from every batch kept here (the erasure stays, to
    travel on)."""
    for sequence, data in list(all_batches(conn)):
        batch = batch_from_data(json.loads(data))
        kept = tuple(c for c in batch.changes if c.subject != person_uuid or c.kind == "erase")
        if len(kept) != len(batch.changes):
            trimmed = dataclasses.replace(batch, changes=kept)
            replace(
                conn, sequence, json.dumps(batch_to_data(trimmed), separators=(",", ":")).encode()
            )
