"""What this laptop remembers about sharing, kept in its own settings (never travelling; the
merge engine leaves every `sync_` setting alone): who it is, how far it has sent and applied."""

from __future__ import annotations

import json
import socket
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.store import settings_repo
from desktop_app.store.connection import Connection

LAPTOP_ID = "sync_laptop_id"
LAPTOP_NAME = "sync_laptop_name"
OWN_SEQUENCE = "sync_own_sequence"
APPLIED = "sync_applied"
AUDIT_SENT = "sync_audit_sent"
SHARE_FOLDER = "sync_share_folder"
CONFIRMED = "sync_confirmed_removals"
WIPED = "sync_erasures_wiped"
LAST_SYNC = "sync_last_synced"
COMPACTED = "sync_compacted_through"
NAMES = "sync_laptop_names"


@dataclass(frozen=True)
class LocalState:
    laptop_id: str
    laptop_name: str
    own_sequence: int
    applied: dict[str, int] = field(default_factory=dict)
    audit_sent: int = 0

    def seen(self) -> dict[str, int]:
        """What a batch written now has seen: every laptop's applied batches and our own."""
        return {**self.applied, self.laptop_id: self.own_sequence}


def load(conn: Connection) -> LocalState | None:
    laptop_id = settings_repo.find(conn, LAPTOP_ID)
    if not laptop_id:
        return None
    return LocalState(
        laptop_id=laptop_id,
        laptop_name=settings_repo.get(conn, LAPTOP_NAME, default_name(laptop_id)),
        own_sequence=int(settings_repo.get(conn, OWN_SEQUENCE, "0")),
        applied=_applied(conn),
        audit_sent=int(settings_repo.get(conn, AUDIT_SENT, "0")),
    )


def save(conn: Connection, state: LocalState) -> None:
    settings_repo.put(conn, LAPTOP_ID, state.laptop_id)
    settings_repo.put(conn, LAPTOP_NAME, state.laptop_name)
    settings_repo.put(conn, OWN_SEQUENCE, str(state.own_sequence))
    settings_repo.put(conn, APPLIED, json.dumps(state.applied, sort_keys=True))
    settings_repo.put(conn, AUDIT_SENT, str(state.audit_sent))


def new_laptop(previous: LocalState | None, audit_position: int) -> LocalState:
    """A new identity for this database. A copy of a laptop that shared holds everything that
    laptop had sent and applied, so it starts from there, and only its own audit entries from
    now on travel; the first laptop to share sends its whole audit trail."""
    laptop_id = uuid.uuid4().hex
    if previous is None:
        return LocalState(laptop_id, default_name(laptop_id), 0, {}, 0)
    applied = dict(previous.applied)
    if previous.own_sequence:
        applied[previous.laptop_id] = previous.own_sequence
    return LocalState(laptop_id, default_name(laptop_id), 0, applied, audit_position)


def default_name(laptop_id: str) -> str:
    """Until someone names it: the computer's name and the start of the laptop's id (two
    copies on one computer still read differently)."""
    host = socket.gethostname().split(".")[0].strip()[:40]
    return f"{host or 'Laptop'} {laptop_id[:4]}".strip()


def with_applied(state: LocalState, laptop: str, sequence: int) -> LocalState:
    return replace(state, applied={**state.applied, laptop: sequence})


def share_folder(conn: Connection) -> Path | None:
    value = settings_repo.find(conn, SHARE_FOLDER)
    return Path(value) if value else None


def set_share_folder(conn: Connection, folder: Path | None) -> None:
    settings_repo.put(conn, SHARE_FOLDER, str(folder) if folder else "")


def confirmed_removals(conn: Connection) -> set[str]:
    return {str(x) for x in _json(conn, CONFIRMED, [])}


def confirm_removals(conn: Connection, laptop: str, sequence: int) -> None:
    confirmed = confirmed_removals(conn) | {f"{laptop}:{sequence}"}
    settings_repo.put(conn, CONFIRMED, json.dumps(sorted(confirmed)))


def wiped_erasures(conn: Connection) -> set[str]:
    return {str(x) for x in _json(conn, WIPED, [])}


def note_wiped(conn: Connection, subjects: set[str]) -> None:
    settings_repo.put(conn, WIPED, json.dumps(sorted(wiped_erasures(conn) | subjects)))


def compacted_through(conn: Connection) -> int:
    return int(settings_repo.get(conn, COMPACTED, "0"))


def note_compacted(conn: Connection, sequence: int) -> None:
    settings_repo.put(conn, COMPACTED, str(max(sequence, compacted_through(conn))))


def last_synced(conn: Connection) -> str | None:
    return settings_repo.find(conn, LAST_SYNC)


def note_synced(conn: Connection, at: str) -> None:
    settings_repo.put(conn, LAST_SYNC, at)


def chosen_name(conn: Connection) -> str | None:
    """The name someone gave this laptop (before or after its first sync), if any."""
    return settings_repo.find(conn, LAPTOP_NAME) or None


def set_laptop_name(conn: Connection, name: str) -> None:
    settings_repo.put(conn, LAPTOP_NAME, name)


def laptop_names(conn: Connection) -> dict[str, str]:
    """Every laptop heard from, by id, with the name it last gave (this laptop's own too)."""
    data = _json(conn, NAMES, {})
    names = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    state = load(conn)
    if state is not None:
        names[state.laptop_id] = state.laptop_name
    return names


def remember_name(conn: Connection, laptop: str, name: str) -> None:
    data = _json(conn, NAMES, {})
    names = dict(data) if isinstance(data, dict) else {}
    if names.get(laptop) != name:
        names[laptop] = name
        settings_repo.put(conn, NAMES, json.dumps(names, sort_keys=True))


def _applied(conn: Connection) -> dict[str, int]:
    data = _json(conn, APPLIED, {})
    if not isinstance(data, dict):
        return {}
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int)}


def _json(conn: Connection, key: str, default: object) -> dict[str, object] | list[object]:
    raw = settings_repo.find(conn, key)
    if not raw:
        return default  # type: ignore[return-value]
    try:
        value = json.loads(raw)
    except ValueError:
        return default  # type: ignore[return-value]
    return value if isinstance(value, type(default)) else default  # type: ignore[return-value]
