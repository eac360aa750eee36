"""`peerlog check`: the full integrity checks, run even on a database too damaged to open, and
the audit trail's hash chain."""

from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.connection import (
    ENVIRONMENT_ERRORS,
    SQLITE_ERRORS,
    error_for,
    raw_connection,
)
from desktop_app.store.database import Unlocker
from desktop_app.store.lock import FolderLock
from desktop_app.store.protection import audit_repo
from desktop_app.store.protection.backup import verify_database_file
from desktop_app.store.protection.keyslots import KeySlots


def check_folder(folder: Path, unlock: Unlocker) -> list[str]:
    """The problems `PRAGMA integrity_check`, `PRAGMA cipher_integrity_check` and the audit
    trail's chain report."""
    layout.require_database_folder(folder)
    slots = KeySlots.load(layout.slots_file(folder))
    data_key, _slot = unlock(slots)
    lock = FolderLock.acquire(folder)
    try:
        _require_usable_folder(layout.db_file(folder), data_key)
        problems = verify_database_file(layout.db_file(folder), data_key)
        if problems:
            return problems
        conn = raw_connection(layout.db_file(folder), data_key)
        try:
            return audit_repo.problems(conn)
        except SQLITE_ERRORS as exc:
            return [f"audit trail: cannot be read ({exc})"]
        finally:
            conn.close()
    finally:
        lock.release()


def _require_usable_folder(db_file: Path, data_key: bytes) -> None:
    """A folder PeerLog cannot write to, a full disk or a disk error stop SQLite opening the
    database as surely as damage does: say which it is, rather than "damaged"."""
    try:
        conn = raw_connection(db_file, data_key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (*SQLITE_ERRORS, OSError) as exc:
        typed = error_for(exc)
        if isinstance(typed, ENVIRONMENT_ERRORS):
            raise typed from exc
        # anything else is for the integrity checks to report
