"""Events that happen while the database is locked (a wrong passphrase, a restore) cannot be
written into it. They wait in `pending-audit.json` beside it, holding only times and kinds of
event, and go into the audit trail at the next successful unlock."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

from desktop_app.domain.audit import Action
from desktop_app.store.files import write_atomically

log = logging.getLogger(__name__)

PENDING_FILE = "pending-audit.json"
MOST_KEPT = 1000  # a script guessing passphrases should not fill the disk
MOST_BYTES = 200 * MOST_KEPT  # a longer file was not written by PeerLog


def pending_file(folder: Path) -> Path:
    return folder / PENDING_FILE


def add(folder: Path, at: str, action: Action, user_id: str = "") -> None:
    """Remember an event for the next unlock. Never fails the caller: not being able to note a
    failed unlock must not change what the person trying to unlock sees."""
    try:
        events = read(folder)
        if len(events) < MOST_KEPT:
            events.append((at, action, user_id))
        data = [{"at": a, "action": act.value, "user_id": u} for a, act, u in events]
        write_atomically(pending_file(folder), json.dumps(data).encode("utf-8"))
    except OSError:
        log.warning("Could not note a locked-time event for the audit trail")


def read(folder: Path) -> list[tuple[str, Action, str]]:
    """The events waiting, oldest first. Whatever the file holds (nothing, damage, another
    kind of JSON, or not a file at all) this returns calmly: the events then are lost, and the
    log says so."""
    path = pending_file(folder)
    try:
        if path.stat().st_size > MOST_BYTES:
            raise ValueError("too large")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise TypeError("not a list")
        return [_event(e) for e in data[:MOST_KEPT]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        log.warning("The pending audit file was unreadable; its events are lost")
        return []


def _event(entry: object) -> tuple[str, Action, str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("at"), str):
        raise TypeError("not an event")
    return entry["at"], Action(entry["action"]), str(entry.get("user_id", ""))


def clear(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        pending_file(folder).unlink()
