"""Creating, opening, checking and backing up whole databases."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.integrity import CheckProblem
from desktop_app.domain.protection.passphrase import passphrase_problem
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import record, require
from desktop_app.store import layout
from desktop_app.store.connection import cipher_version
from desktop_app.store.database import (
    CreatedDatabase,
    Database,
    Unlocker,
    passphrase_unlocker,
    recovery_unlocker,
    utc_now,
)
from desktop_app.store.errors import (
    DamagedDatabase,
    NotAPeerLogDatabase,
    StoreError,
    WrongSecret,
)
from desktop_app.store.protection import pending_audit
from desktop_app.store.protection.backup import restore_backup
from desktop_app.store.protection.check import check_folder
from desktop_app.store.protection.keyslots import KeySlots
from desktop_app.store.protection.users import first_coordinator_id


class InvalidInput(StoreError):
    """Input the user can correct (a too-short passphrase, an empty name)."""


def require_good_passphrase(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem:
        raise InvalidInput(f"That passphrase cannot be used. {problem}")


def database_folder(path: Path) -> Path:
    """A path the user typed, as a database folder: `Name` becomes `Name.peerlog`."""
    if path.suffix != layout.FOLDER_SUFFIX and not layout.looks_like_database(path):
        return path.with_name(path.name + layout.FOLDER_SUFFIX)
    return path


def create_database(
    path: Path, organisation: str, passphrase: str, user_name: str = "Coordinator"
) -> CreatedDatabase:
    if not organisation.strip():
        raise InvalidInput("Give the organisation a name, as it should appear on returns.")
    require_good_passphrase(passphrase)
    return Database.create(database_folder(path), organisation.strip(), passphrase, user_name)


def open_database(
    path: Path, passphrase: str, user_id: str | None = None, *, quick_check: bool = True
) -> Database:
    """Unlock and open. `quick_check=False` leaves the caller to run `db.quick_check()` soon
    after, off the GUI thread (it reads every page: seconds on ten years of records)."""
    db = Database.open_with(
        database_folder(path), passphrase_unlocker(passphrase, user_id), quick_check=quick_check
    )
    return _settled(db)


def open_with_recovery_code(path: Path, code: str) -> Database:
    return _settled(Database.open_with(database_folder(path), recovery_unlocker(code)))


def _settled(db: Database) -> Database:
    """A copy of a laptop that shares through a folder becomes a laptop of its own before
    anything is changed in it (see services/sync)."""
    from desktop_app.services.sync.exchange import settle_identity

    try:
        settle_identity(db)
    except BaseException:
        db.close()
        raise
    return db


def check_database(path: Path, unlock: Unlocker) -> list[CheckProblem]:
    return check_folder(database_folder(path), unlock)


def backup_database(db: Database, out: Path) -> None:
    db.backup_to(out)
    record(db, Action.BACKUP, "database")


def restore_database(
    backup: Path, path: Path, unlock: Unlocker, current_unlock: Unlocker | None = None
) -> Path | None:
    """Replace the database with a backup. `unlock` opens the backup; `current_unlock` (default:
    the same secret) must be a coordinator's of the database being replaced. The restore goes
    into the restored database's audit trail at its next unlock."""
    folder = database_folder(path)
    if layout.db_file(folder).exists():
        _require_coordinator_of(folder, current_unlock or unlock)
    user: list[str] = []

    def unlock_noting_user(slots: KeySlots) -> bytes:
        key, slot = unlock(slots)
        user.append(slot.user_id or "")
        return key

    replaced = restore_backup(backup, folder, unlock_noting_user)
    pending_audit.add(folder, utc_now(), Action.RESTORE, user[0] if user else "")
    return replaced


def _require_coordinator_of(folder: Path, unlock: Unlocker) -> None:
    """Only a coordinator of the database being replaced may replace it: a backup carries the key
    slots of its day, so otherwise a removed user could restore their own passphrase (and bring
    back people erased since). A database too damaged to open can be replaced by anyone who can
    open the backup: that is what restoring is for."""
    try:
        current = Database.open_with(folder, unlock, quick_check=False)
    except (DamagedDatabase, NotAPeerLogDatabase):
        return
    except WrongSecret as exc:
        raise WrongSecret(
            "To replace this database, use the passphrase of one of its coordinators "
            "(or its recovery code). Nothing was restored."
        ) from exc
    try:
        require(current, Permission.RESTORE)
    finally:
        current.close()


def change_passphrase(db: Database, current: str, new: str) -> None:
    require_good_passphrase(new)
    db.change_passphrase(current, new)
    record(db, Action.PASSPHRASE_CHANGE, "user", db.unlocked_by.user_id or "")


def reset_passphrase_with_recovery_code(path: Path, code: str, new: str) -> Database:
    """Open with the recovery code and give the first coordinator the passphrase `new`."""
    require_good_passphrase(new)
    db = open_with_recovery_code(path, code)
    try:
        coordinator = first_coordinator_id(db.connection())
        db.set_passphrase(new, coordinator)
        record(db, Action.PASSPHRASE_CHANGE, "user", coordinator or "")
    except BaseException:
        db.close()
        raise
    return db


def regenerate_recovery_code(db: Database) -> str:
    """A new recovery code (coordinators only); the old one stops working. Show it once."""
    require(db, Permission.MANAGE_USERS)
    code = db.regenerate_recovery_code()
    record(db, Action.PASSPHRASE_CHANGE, "recovery code")
    return code


def encryption_library_version() -> str:
    """SQLCipher's version ("" if this copy of PeerLog was built without it)."""
    return cipher_version()
