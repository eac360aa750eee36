"""The audit trail: who did what to which record, and when. Never what the record says.

Entries form a chain: each carries the SHA-256 hash of the one before it, and its own hash covers
its position, its fields and that previous hash. Editing, removing or reordering any entry breaks
the chain from that point on. (Removing the newest entries leaves a shorter, valid chain: the chain
shows that history was rewritten, not that it was cut short.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

GENESIS_HASH = "0" * 64
_SEPARATOR = "\x1f"


class Action(StrEnum):
    CREATE = "create"
    CHANGE = "change"
    RESOLVE = "resolve"
    DELETE = "delete"
    IMPORT = "import"
    EXPORT = "export"
    RETURN = "return"
    BACKUP = "backup"
    RESTORE = "restore"
    ERASURE = "erasure"
    ANONYMISE = "anonymise"
    CONSENT_WITHDRAWN = "consent withdrawn"
    USER_ADDED = "user added"
    USER_REMOVED = "user removed"
    FAILED_UNLOCK = "failed unlock"
    PASSPHRASE_CHANGE = "passphrase change"
    SETTING_CHANGE = "setting change"
    CHANGES_RECEIVED = "changes received from another laptop"


@dataclass(frozen=True)
class AuditEvent:
    """Something to record: the action and the record it touched (kind and id; "" when it
    concerns no single record, or when the record must not be named, as after an erasure)."""

    action: Action
    record_kind: str = ""
    record_id: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # UTC, ISO 8601
    user_id: str  # "" when unlocked with the recovery code, or when nobody was signed in
    action: str
    record_kind: str
    record_id: str
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None  # inclusive
    user_id: str | None = None
    actions: tuple[str, ...] = ()
    record_kind: str | None = None
    record_id: str | None = None


def entry_hash(
    previous_hash: str,
    seq: int,
    at: str,
    user_id: str,
    action: str,
    record_kind: str,
    record_id: str,
) -> str:
    fields = (previous_hash, str(seq), at, user_id, action, record_kind, record_id)
    return hashlib.sha256(_SEPARATOR.join(fields).encode("utf-8")).hexdigest()


def expected_hash(entry: AuditEntry) -> str:
    return entry_hash(
        entry.previous_hash,
        entry.seq,
        entry.at,
        entry.user_id,
        entry.action,
        entry.record_kind,
        entry.record_id,
    )


def chain_problems(entries: Iterable[AuditEntry], start: str = GENESIS_HASH) -> list[str]:
    """Where the chain is broken, in words (empty when every entry is as it was written).
    `start`: the hash the first entry follows (another laptop's trail may arrive part-way)."""
    problems: list[str] = []
    previous = start
    for entry in entries:
        if entry.previous_hash != previous:
            problems.append(
                f"audit trail: entry {entry.seq} does not follow the entry before it "
                "(an entry was removed, added or reordered)"
            )
        elif expected_hash(entry) != entry.hash:
            problems.append(f"audit trail: entry {entry.seq} was changed after it was written")
        previous = entry.hash
    return problems
