"""`peerlog check`: the full integrity checks, run even on a database too damaged to open, and
the audit trail's hash chain."""

from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.connection import SQLITE_ERRORS, raw_connection
from desktop_app.store.database import Unlocker
from desktop_app.store.protection import audit_repo, file_swaps, key_upkeep
from desktop_app.store.protection.backup import verify_database_file
from desktop_app.store.protection.keyslots import KeySlots


def check_folder(folder: Path, unlock: Unlocker) -> list[str]:
    """The problems `PRAGMA integrity_check`, `PRAGMA cipher_integrity_check` and the audit
    trail's chain report, and a database older than its key file says it should be."""
    lock = file_swaps.lock_and_settle(folder)
    try:
        slots = KeySlots.load(layout.slots_file(folder))
        data_key, _slot = unlock(slots)
        slots.require_sound_seal(data_key)
        problems = verify_database_file(layout.db_file(folder), data_key)
        if problems:
            return problems
        conn = raw_connection(layout.db_file(folder), data_key)
        try:
            return key_upkeep.problems(conn, slots) or audit_repo.problems(conn)
        except SQLITE_ERRORS as exc:
            return [f"audit trail: cannot be read ({exc})"]
        finally:
            conn.close()
    finally:
        lock.release()
