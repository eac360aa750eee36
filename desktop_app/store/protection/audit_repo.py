"""The audit trail table: appending entries (each chained to the one before) and reading them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.protection.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    AuditFilter,
    chain_problems,
    entry_hash,
)
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page
from desktop_app.store.connection import Connection

_QUERY = ListQuery(
    columns="a.id, a.at, a.user_id, a.action, a.record_kind, a.record_id, a.previous_hash, a.hash",
    table="audit_log",
    alias="a",
)


def has_audit_trail(conn: Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).fetchone()
    return row is not None


def append(conn: Connection, at: str, user_id: str, events: Iterable[AuditEvent]) -> None:
    """Add entries after the newest one. Call inside the transaction that made the change, so
    that the change and its entries are saved together or not at all."""
    last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    seq, previous = (int(last[0]), str(last[1])) if last else (0, GENESIS_HASH)
    rows = []
    for event in events:
        seq += 1
        kind, record = event.record_kind, event.record_id
        digest = entry_hash(previous, seq, at, user_id, event.action, kind, record)
        rows.append((seq, at, user_id, event.action.value, kind, record, previous, digest))
        previous = digest
    conn.executemany(
        "INSERT INTO audit_log(id, at, user_id, action, record_kind, record_id, previous_hash, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def all_entries(conn: Connection) -> Iterator[AuditEntry]:
    """Every entry, oldest first, read lazily (the trail grows for years)."""
    for row in conn.execute(f"{_QUERY.select()} ORDER BY a.id"):
        yield _entry(row)


def entries_after(conn: Connection, position: int) -> list[AuditEntry]:
    """The entries after `position`, oldest first (what another laptop has not been sent)."""
    rows = conn.execute(f"{_QUERY.select()} WHERE a.id > ? ORDER BY a.id", (position,))
    return [_entry(row) for row in rows]


def last_position(conn: Connection) -> int:
    row = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    return int(row[0] or 0)


def problems(conn: Connection) -> list[str]:
    """Where the chain is broken; empty when it is whole (or the database has no trail yet)."""
    if not has_audit_trail(conn):
        return []
    return chain_problems(all_entries(conn))


def _where(filter: AuditFilter) -> Conditions:
    where = Conditions()
    if filter.start is not None:
        where.add("a.at >= ?", filter.start.isoformat())
    if filter.end is not None:
        where.add("a.at < ?", (filter.end + timedelta(days=1)).isoformat())
    if filter.user_id is not None:
        where.add("a.user_id = ?", filter.user_id)
    if filter.actions:
        where.add(f"a.action IN ({','.join('?' * len(filter.actions))})", *filter.actions)
    if filter.record_kind is not None:
        where.add("a.record_kind = ?", filter.record_kind)
    if filter.record_id is not None:
        where.add("a.record_id = ?", filter.record_id)
    return where


def list_entries(conn: Connection, filter: AuditFilter, page: Page) -> Paged[AuditEntry]:
    """Newest first."""
    return fetch_page(conn, _QUERY, _where(filter), "ORDER BY a.id DESC", page, _entry)


def matching_entries(conn: Connection, filter: AuditFilter) -> Iterator[AuditEntry]:
    """Every entry matching `filter`, oldest first (for exporting)."""
    where = _where(filter)
    sql = f"{_QUERY.select()} {where.where()} ORDER BY a.id"
    for row in conn.execute(sql, where.params):
        yield _entry(row)


def entries_about(conn: Connection, record_ids: Iterable[str]) -> list[AuditEntry]:
    """Entries naming any of these records, oldest first."""
    wanted = sorted(set(record_ids))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        f"{_QUERY.select()} WHERE a.record_id IN ({marks}) ORDER BY a.id", wanted
    ).fetchall()
    return [_entry(row) for row in rows]


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    seq, at, user_id, action, kind, record, previous, digest = row
    return AuditEntry(int(seq), at, user_id, action, kind, record, previous, digest)
