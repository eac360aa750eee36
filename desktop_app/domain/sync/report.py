"""What a sync tells the person who ran it: what came in from which laptop, what needs review,
and how far behind each known laptop is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class SyncProblem(Exception):
    """A sync that could not run (no folder, folder not writable, a laptop on an older
    PeerLog...). The message says plainly what is wrong and how to put it right."""


@dataclass(frozen=True)
class LaptopChanges:
    """What one other laptop's changes did here. Counts by kind of record, in plain words
    ("people", "sessions", "attendance ticks"...)."""

    laptop_id: str
    laptop_name: str
    added: Mapping[str, int] = field(default_factory=dict)
    updated: Mapping[str, int] = field(default_factory=dict)
    removed: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class HeldBatch:
    """Changes from another laptop that would remove a large share of the records: held until a
    coordinator confirms (`services.sync.confirm_held`)."""

    laptop_id: str
    laptop_name: str
    sequence: int
    removals: int
    records: int


@dataclass(frozen=True)
class SyncReport:
    sent: int
    received: tuple[LaptopChanges, ...] = ()
    new_conflicts: int = 0
    # Plain sentences about files skipped this time (incomplete, a conflicted copy, a wrong clock,
    # made by a newer PeerLog); they are tried again next time.
    skipped: tuple[str, ...] = ()
    held: tuple[HeldBatch, ...] = ()

    @property
    def changed_anything(self) -> bool:
        return self.sent > 0 or any(c.added or c.updated or c.removed for c in self.received)


@dataclass(frozen=True)
class LaptopStatus:
    laptop_id: str
    laptop_name: str
    this_laptop: bool
    last_synced: datetime | None  # when it last wrote or read the folder (UTC)
    behind: int  # changes of this laptop's it has not applied yet
    silent_days: int | None  # days since it was last heard from


@dataclass(frozen=True)
class SyncStatus:
    folder: str
    laptops: tuple[LaptopStatus, ...]


@dataclass(frozen=True)
class Conflict:
    """The same field changed on two laptops since they last met. `kept` is in the record now;
    `other` can be used instead."""

    id: str
    record_kind: str  # plain words: "person", "session"
    record_label: str  # how the window names the record (a reference, a date and kind)
    record_id: str
    field_label: str
    kept: str
    kept_from: str  # laptop name
    other: str
    other_from: str
    found_at: datetime
