"""Placeholder for the merge engine (being written on the sync-core branch)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.sync.changes import Change, ChangeBatch
from desktop_app.domain.sync.report import Conflict
from desktop_app.store.connection import Connection


@dataclass(frozen=True)
class Applied:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    new_conflicts: int = 0


def take_pending(conn: Connection, laptop: str, sequence: int, now_ms: int) -> tuple[Change, ...]:
    return ()


def forget_pending(conn: Connection) -> None:
    return None


def apply_batch(conn: Connection, batch: ChangeBatch, now_ms: int) -> Applied:
    return Applied()


def removals(conn: Connection, batch: ChangeBatch) -> tuple[int, int]:
    return (0, 0)


def erased_subjects(conn: Connection) -> set[str]:
    return set()


def conflicts(conn: Connection) -> list[Conflict]:
    return []


def resolve_conflict(conn: Connection, conflict_id: str, use_other: bool) -> str:
    return ""
