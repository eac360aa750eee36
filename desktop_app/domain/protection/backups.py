"""When automatic backups are due, and what Home says about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_KEEP = 10
AT_MOST_EVERY = timedelta(days=1)
WARN_AFTER = timedelta(days=7)


class BackupState(StrEnum):
    OK = "ok"
    NO_FOLDER = "no folder chosen"
    FOLDER_MISSING = "folder missing"
    NONE_YET = "no backup yet"
    OUT_OF_DATE = "out of date"


@dataclass(frozen=True)
class BackupStatus:
    state: BackupState
    newest: datetime | None  # UTC
    message: str  # for Home; "" when all is well

    @property
    def needs_attention(self) -> bool:
        return self.state is not BackupState.OK


def backup_due(newest: datetime | None, now: datetime) -> bool:
    return newest is None or now - newest >= AT_MOST_EVERY


def backup_status(
    folder_chosen: bool, folder_exists: bool, newest: datetime | None, now: datetime
) -> BackupStatus:
    if not folder_chosen:
        return BackupStatus(
            BackupState.NO_FOLDER,
            None,
            "PeerLog is not making backups yet. Choose a backup folder (a USB stick or a synced "
            "folder) in Settings.",
        )
    if not folder_exists:
        return BackupStatus(
            BackupState.FOLDER_MISSING,
            None,
            "The backup folder cannot be found. Plug in the USB stick, or choose another folder "
            "in Settings.",
        )
    if newest is None:
        return BackupStatus(
            BackupState.NONE_YET, None, "There is no backup yet: one is made when you close."
        )
    age = now - newest
    if age > WARN_AFTER:
        return BackupStatus(
            BackupState.OUT_OF_DATE,
            newest,
            f"The newest backup is {age.days} days old. Check the backup folder is available, "
            "then close PeerLog to make a new one.",
        )
    return BackupStatus(BackupState.OK, newest, "")
