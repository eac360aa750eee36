"""Other laptops' audit trails, as they arrived: each laptop's chain kept whole and checkable."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from desktop_app.domain.protection.audit import AuditEntry, chain_problems
from desktop_app.domain.sync.changes import AuditCopy
from desktop_app.store.connection import Connection


def add(conn: Connection, laptop: str, entries: Iterable[AuditCopy]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO sync_received_audit(laptop, position, at, user_id, action, "
        "record_kind, record_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                laptop,
                e.position,
                e.at,
                e.user_id,
                e.action,
                e.record_kind,
                e.record_id,
                e.previous_hash,
                e.hash,
            )
            for e in entries
        ],
    )


def has_table(conn: Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_received_audit'"
    ).fetchone()
    return row is not None


def problems(conn: Connection) -> list[str]:
    """Each other laptop's chain, checked from its first entry that travelled (a laptop that
    joined from a copy starts part-way along the chain it was copied with)."""
    if not has_table(conn):
        return []
    found: list[str] = []
    laptops = [str(r[0]) for r in conn.execute("SELECT DISTINCT laptop FROM sync_received_audit")]
    for laptop in laptops:
        rows = conn.execute(
            "SELECT position, at, user_id, action, record_kind, record_id, previous_hash, hash "
            "FROM sync_received_audit WHERE laptop = ? ORDER BY position",
            (laptop,),
        ).fetchall()
        entries = [AuditEntry(int(r[0]), *(str(x) for x in r[1:])) for r in rows]
        found += [
            f"audit trail of laptop {laptop[:8]}: {problem.removeprefix('audit trail: ')}"
            for problem in chain_problems(entries, start=entries[0].previous_hash)
        ]
        found += _gaps(laptop, [e.seq for e in entries])
    return found


def _gaps(laptop: str, positions: list[int]) -> list[str]:
    return [
        f"audit trail of laptop {laptop[:8]}: entries {a + 1} to {b - 1} are missing"
        for a, b in itertools.pairwise(positions)
        if b != a + 1
    ]
