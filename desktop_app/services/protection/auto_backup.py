"""Automatic backups: on close (and so at most daily), into a folder the coordinator chooses (a
USB stick or a synced folder), keeping the newest N (10 unless changed). Home asks
`backup_status` whether to warn; restoring starts with `preview`.

Backup files are named `PeerLog <database id> <UTC time>.peerlog-backup`, so rotation only
ever removes this database's own automatic backups, even in a folder shared with others.
"""

from __future__ import annotations

import contextlib
import logging
import re
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.backups import (
    DEFAULT_KEEP,
    BackupStatus,
    backup_due,
    backup_status,
)
from desktop_app.services.access import record
from desktop_app.services.settings import change_setting
from desktop_app.store.database import Database, Unlocker
from desktop_app.store.errors import StoreError
from desktop_app.store.private_files import make_private_folder
from desktop_app.store.protection.backup import BACKUP_SUFFIX
from desktop_app.store.protection.backup_preview import BackupPreview, preview_backup

log = logging.getLogger(__name__)

FOLDER_SETTING = "backup_folder"
KEEP_SETTING = "backup_keep"
_STAMP = "%Y-%m-%d_%H%M%S"
_NAME = re.compile(r"PeerLog (?P<db>[0-9a-f-]+) (?P<at>\d{4}-\d\d-\d\d_\d{6})")


def backup_folder(db: Database) -> Path | None:
    text = db.setting(FOLDER_SETTING)
    return Path(text) if text else None


def choose_backup_folder(db: Database, folder: Path, keep: int = DEFAULT_KEEP) -> None:
    """Coordinators only. The folder is made if it does not exist."""
    if keep < 1:
        raise StoreError("Keep at least 1 backup (10 is a good number).")
    try:
        make_private_folder(folder, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"PeerLog cannot use {folder} for backups. Choose a folder you can write to."
        ) from exc
    change_setting(db, FOLDER_SETTING, str(folder))
    change_setting(db, KEEP_SETTING, str(keep))


def _database_id(db: Database) -> str:
    return db.slots.database_id


def own_backups(db: Database, folder: Path) -> list[tuple[datetime, Path]]:
    """This database's automatic backups in `folder`, oldest first."""
    found = []
    for path in folder.glob(f"PeerLog *{BACKUP_SUFFIX}"):
        match = _NAME.match(path.name)
        if match and match["db"] == _database_id(db):
            at = datetime.strptime(match["at"], _STAMP).replace(tzinfo=UTC)
            found.append((at, path))
    return sorted(found)


def back_up_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Make a backup when none was made in the last day (call on close); the file made, or
    None when not due or no usable folder is set (Home shows why)."""
    moment = now or datetime.now(UTC)
    folder = backup_folder(db)
    if folder is None or not folder.is_dir():
        return None
    backups = own_backups(db, folder)
    if not backup_due(backups[-1][0] if backups else None, moment):
        return None
    out = folder / f"PeerLog {_database_id(db)} {moment.strftime(_STAMP)}{BACKUP_SUFFIX}"
    db.backup_to(out)
    record(db, Action.BACKUP, "database")
    _rotate(db, folder)
    return out


def backups_to_keep(db: Database) -> int:
    """How many of its own backups PeerLog keeps in the backup folder (Settings)."""
    return int(db.setting(KEEP_SETTING, str(DEFAULT_KEEP)) or DEFAULT_KEEP)


def _rotate(db: Database, folder: Path) -> None:
    keep = backups_to_keep(db)
    backups = own_backups(db, folder)
    for _at, path in backups[: max(len(backups) - keep, 0)]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    log.info("Backups rotated (keeping %d)", keep)


def status(db: Database, now: datetime | None = None) -> BackupStatus:
    """For Home: whether backups need attention, and what to say."""
    folder = backup_folder(db)
    exists = folder is not None and folder.is_dir()
    backups = own_backups(db, folder) if folder is not None and exists else []
    newest = backups[-1][0] if backups else None
    return backup_status(folder is not None, exists, newest, now or datetime.now(UTC))


def close_with_backup(db: Database) -> Path | None:
    """Close the database, making the day's automatic backup first when one is due. A backup
    that fails (the USB stick pulled out) never stops the database closing; Home warns later."""
    made = None
    try:
        made = back_up_if_due(db)
    except (StoreError, OSError):
        log.warning("The automatic backup on close failed")
    finally:
        db.close()
    return made


def preview(path: Path, unlock: Unlocker) -> BackupPreview:
    """The backup's date and record counts, to show before restoring it."""
    return preview_backup(path, lambda slots: unlock(slots)[0])
