"""Which laptop this is. A laptop's identity lives in its database, so a copy of the database
(a second laptop joining from a backup, a restore of an older backup) would carry the identity
of the laptop it came from, and two laptops writing the same sequence numbers would lose changes.
So each laptop also notes, outside the database, which of its database folders owns which
identity; a database whose identity this laptop does not own, or whose own change files in the
shared folder run past what it remembers sending (an older copy), becomes a new laptop.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from desktop_app import app_dirs
from desktop_app.store.files import write_atomically

REGISTRY_NAME = "laptops sharing.json"


def _registry_path() -> Path:
    return app_dirs.config_dir() / REGISTRY_NAME


def _registry() -> dict[str, str]:
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(_registry_path().read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return {str(k): str(v) for k, v in data.items()}
    return {}


def owns(laptop_id: str, database_folder: Path) -> bool:
    """This laptop made `laptop_id` for the database in `database_folder`."""
    return _registry().get(laptop_id) == str(database_folder.resolve())


def claim(laptop_id: str, database_folder: Path) -> None:
    registry = _registry()
    folder = str(database_folder.resolve())
    registry = {k: v for k, v in registry.items() if v != folder}
    registry[laptop_id] = folder
    write_atomically(_registry_path(), json.dumps(registry, indent=1).encode())


def is_older_copy(own_sequence: int, sequences_in_folder: list[int]) -> bool:
    """The shared folder holds batches of this identity that this database never wrote."""
    return bool(sequences_in_folder) and max(sequences_in_folder) > own_sequence
