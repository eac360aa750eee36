"""File → Back up now…: an encrypted backup of the open database, written where the user chooses
(a USB stick, say), in the background with a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop_app import app_dirs
from desktop_app.services import databases, settings
from desktop_app.services.protection import auto_backup
from desktop_app.store.database import Database
from desktop_app.store.layout import BACKUP_SUFFIX
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.progress_dialog import run_with_progress
from desktop_app.ui.common.worker import Report

TITLE = "Back up now"


def suggested_backup(db: Database, today: date) -> Path:
    folder = auto_backup.backup_folder(db) or app_dirs.default_database_dir()
    name = settings.organisation_name(db) or db.folder.stem
    safe = "".join(c if c.isalnum() or c in " -_" else " " for c in name).strip() or "PeerLog"
    return folder / f"{safe} {today.isoformat()}{BACKUP_SUFFIX}"


def back_up_now(db: Database, parent: QWidget, say: Callable[[str, int], None]) -> None:
    chosen = file_dialogs.choose_save_file(
        parent,
        "Where should the backup go?",
        suggested_backup(db, date.today()),
        f"PeerLog backups (*{BACKUP_SUFFIX})",
    )
    if chosen is None:
        return
    if not chosen.name.endswith(BACKUP_SUFFIX):
        chosen = chosen.with_name(chosen.name + BACKUP_SUFFIX)
    if chosen.resolve().is_relative_to(db.folder.resolve()):
        messages.warn(
            parent,
            TITLE,
            "A backup inside the database folder goes wherever the database goes, so it would "
            "not help if the laptop were lost. Choose another folder, a USB stick for example.",
        )
        return

    def write(report: Report) -> Path:
        report(0, 0, "Writing an encrypted copy of every record…")
        databases.backup_database(db, chosen)
        return chosen

    def done(path: Path) -> None:
        say(f"Backup saved: {path}", 15000)
        messages.inform(
            parent,
            TITLE,
            f"The backup is saved as {path.name} in {path.parent}.\n\nIt is encrypted: it opens "
            "with the passphrase or recovery code you use today. Keep it somewhere other than "
            "this laptop.",
        )

    run_with_progress(parent, TITLE, write, done)
