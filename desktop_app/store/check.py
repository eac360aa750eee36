"""`peerlog check`: the full integrity checks, run even on a database too damaged to open."""

from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.backup import verify_database_file
from desktop_app.store.database import Unlocker
from desktop_app.store.keyslots import KeySlots
from desktop_app.store.lock import FolderLock


def check_folder(folder: Path, unlock: Unlocker) -> list[str]:
    """The problems `PRAGMA integrity_check` and `PRAGMA cipher_integrity_check` report."""
    layout.require_database_folder(folder)
    slots = KeySlots.load(layout.slots_file(folder))
    data_key, _slot = unlock(slots)
    lock = FolderLock.acquire(folder)
    try:
        return verify_database_file(layout.db_file(folder), data_key)
    finally:
        lock.release()
