"""The one place the sync services meet the store's merge engine (store/sync): taking this
laptop's changes, applying another laptop's, and what an erasure leaves behind."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.sync.changes import Change, ChangeBatch
from desktop_app.domain.sync.report import Conflict
from desktop_app.store.connection import Connection
from desktop_app.store.sync import merge


@dataclass(frozen=True)
class Applied:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    new_conflicts: int = 0


def take_pending(conn: Connection, laptop: str, sequence: int, now_ms: int) -> tuple[Change, ...]:
    return merge.take_pending(conn, laptop, sequence, now_ms)


def forget_pending(conn: Connection) -> None:
    merge.forget_pending(conn)


def apply_batch(conn: Connection, batch: ChangeBatch, now_ms: int) -> Applied:
    result = merge.apply_batch(conn, batch, now_ms)
    return Applied(
        dict(result.added), dict(result.updated), dict(result.removed), result.new_conflicts
    )


def removals(conn: Connection, batch: ChangeBatch) -> tuple[int, int]:
    return merge.removals(conn, batch)


def erased_subjects(conn: Connection) -> set[str]:
    return merge.erased_subjects(conn)


def conflicts(conn: Connection) -> list[Conflict]:
    return merge.conflicts(conn)


def resolve_conflict(conn: Connection, conflict_id: str, use_other: bool) -> str:
    """Returns the identity of the record concerned."""
    return merge.resolve_conflict(conn, conflict_id, use_other)
