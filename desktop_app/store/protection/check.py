"""`peerlog check`: the full integrity checks, run even on a database too damaged to open, and
the audit trail's hash chain."""

from pathlib import Path

from desktop_app.domain.protection.integrity import CheckProblem, ProblemKind
from desktop_app.store import layout
from desktop_app.store.connection import (
    ENVIRONMENT_ERRORS,
    SQLITE_ERRORS,
    error_for,
    raw_connection,
)
from desktop_app.store.database import Unlocker
from desktop_app.store.protection import audit_repo, file_swaps, key_upkeep
from desktop_app.store.protection.backup import verify_database_file
from desktop_app.store.protection.keyslots import KeySlots
from desktop_app.store.sync import received_audit_repo


def check_folder(folder: Path, unlock: Unlocker) -> list[CheckProblem]:
    """The problems `PRAGMA integrity_check`, `PRAGMA cipher_integrity_check` (the file is
    damaged), a database older than its key file says it should be or not its own (restore
    it, too), and the audit trail's chain (the records are sound) report."""
    lock = file_swaps.lock_and_settle(folder)
    try:
        slots = KeySlots.load(layout.slots_file(folder))
        data_key, _slot = unlock(slots)
        slots.require_sound_seal(data_key)
        _require_usable_folder(layout.db_file(folder), data_key)
        damage = verify_database_file(layout.db_file(folder), data_key)
        if damage:
            return [CheckProblem(ProblemKind.DAMAGED, text) for text in damage]
        conn = raw_connection(layout.db_file(folder), data_key)
        try:
            stale = key_upkeep.problems(conn, slots)
            if stale:
                return [CheckProblem(ProblemKind.DAMAGED, text) for text in stale]
            trail = audit_repo.problems(conn) + received_audit_repo.problems(conn)
        except SQLITE_ERRORS as exc:
            trail = [f"audit trail: cannot be read ({exc})"]
        finally:
            conn.close()
        return [CheckProblem(ProblemKind.AUDIT_TRAIL, text) for text in trail]
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
