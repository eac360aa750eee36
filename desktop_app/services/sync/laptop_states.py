"""Each laptop's state file in the shared folder: its name, when it last synced, what it has
applied of every laptop's batches, and which of its own it has tidied away. Sealed like change
files (a laptop's name may say whose it is)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_app.services.sync import mailbox
from desktop_app.store.sync.sealed_files import Unreadable, open_sealed, seal


@dataclass(frozen=True)
class LaptopState:
    name: str
    written_at: str  # ISO 8601, UTC
    own_sequence: int
    seen: dict[str, int]
    compacted_through: int = 0


def _path(share: Path, database_id: str, laptop: str) -> Path:
    return mailbox.laptop_folder(share, database_id, laptop) / mailbox.STATE_NAME


def read(key: bytes, share: Path, database_id: str, laptop: str) -> LaptopState | None:
    """None when the laptop has not written one yet, or it is incomplete (tried next time)."""
    try:
        header, content = open_sealed(key, _path(share, database_id, laptop).read_bytes())
        if header.get("laptop") != laptop or header.get("database_id") != database_id:
            return None
        data = json.loads(content)
        return LaptopState(
            name=str(data["name"]),
            written_at=str(data["written_at"]),
            own_sequence=int(data["own_sequence"]),
            seen={str(k): int(v) for k, v in dict(data["seen"]).items()},
            compacted_through=int(data.get("compacted_through", 0)),
        )
    except (OSError, Unreadable, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(key: bytes, share: Path, database_id: str, laptop: str, state: LaptopState) -> None:
    header = {"what": "state", "database_id": database_id, "laptop": laptop}
    content = json.dumps(state.__dict__, sort_keys=True).encode()
    mailbox.write_file(_path(share, database_id, laptop), seal(key, header, content))
