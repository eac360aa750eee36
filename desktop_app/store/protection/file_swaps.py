"""Steps that replace several files of a database folder at once (a restore puts in a database
AND its key file) are written down first in `swap-journal.json`, atomically, then carried out.
Whoever next locks the folder (open, check, restore) finishes a step a crash interrupted, so a
database is never left without its own key file: before the journal exists nothing has been
touched, and after it every move can be done again safely.

Locking also clears the temporary files PeerLog's own interrupted writes leave (names such as
`.keyslots.json.tmp-1234` or `.restoring.db`), and only those. Every one of them is either
encrypted (database copies) or holds no records (key slots), but none should outlive a crash.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.connection import translated_errors
from desktop_app.store.errors import DamagedDatabase, NotAPeerLogDatabase
from desktop_app.store.files import fsync_directory, write_atomically
from desktop_app.store.lock import FolderLock

log = logging.getLogger(__name__)

JOURNAL_FILE = "swap-journal.json"
STAGED_DB = ".restoring.db"
STAGED_SLOTS = ".restoring-keyslots.json"
# `.name.tmp-123`, `.name.copy-123` (and its -wal...), `.name.partial-123`: see files.py, backup.py
_LEFTOVER = re.compile(r"^\..+\.(tmp|copy|partial)-(\d+)(-wal|-shm|-journal)?$")


def journal_file(folder: Path) -> Path:
    return folder / JOURNAL_FILE


def staged_files(folder: Path) -> tuple[Path, Path]:
    return folder / STAGED_DB, folder / STAGED_SLOTS


def lock_and_settle(folder: Path, *, new_folder: bool = False) -> FolderLock:
    """Lock a database folder, finish any step a crash interrupted, clear leftovers. Unless
    `new_folder`, the folder must then hold a database and its key file (see layout)."""
    if not new_folder:
        if not folder.exists():
            raise NotAPeerLogDatabase(f"There is no PeerLog database at {folder}.")
        if not folder.is_dir() or not (
            layout.looks_like_database(folder) or journal_file(folder).exists()
        ):
            raise NotAPeerLogDatabase()
    lock = FolderLock.acquire(folder)
    try:
        with translated_errors():
            if journal_file(folder).exists():
                roll_forward(folder)
            clear_leftovers(folder)
        if not new_folder:
            layout.require_database_folder(folder)
    except BaseException:
        lock.release()
        raise
    return lock


def swap_in(folder: Path) -> Path | None:
    """Put the staged database and key file (`staged_files`) in place of the folder's: call with
    the folder locked and both written and fsynced. The replaced pair goes, together, into
    `backups/replaced-<time>.peerlog`, returned (None when there was nothing to replace)."""
    aside = None
    if layout.db_file(folder).exists() or layout.slots_file(folder).exists():
        aside = _unused_aside_name(folder)
    write_atomically(journal_file(folder), json.dumps({"aside": aside}).encode("utf-8"))
    return roll_forward(folder)


def roll_forward(folder: Path) -> Path | None:
    """Carry out (again) the journal's step; each move is skipped once done."""
    try:
        aside_name = json.loads(journal_file(folder).read_text(encoding="utf-8"))["aside"]
        if aside_name is not None and not re.fullmatch(r"replaced-[\w.-]+", aside_name):
            raise ValueError("not a name PeerLog writes")
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedDatabase(
            f"A restore into this database was interrupted and its note ({JOURNAL_FILE}) is "
            "damaged, so PeerLog cannot tell how far it got. Nothing was changed. Restore the "
            "backup again."
        ) from exc
    aside = None if aside_name is None else layout.backups_dir(folder) / aside_name
    staged_db, staged_slots = staged_files(folder)
    if aside is not None:
        aside.mkdir(parents=True, exist_ok=True)
    if staged_db.exists():
        if aside is not None:
            for path in layout.database_files(folder):
                if path.exists():
                    os.replace(path, aside / path.name)
        os.replace(staged_db, layout.db_file(folder))
    if staged_slots.exists():
        if aside is not None and layout.slots_file(folder).exists():
            os.replace(layout.slots_file(folder), aside / layout.SLOTS_FILE)
        os.replace(staged_slots, layout.slots_file(folder))
    if aside is not None:
        layout.ensure_readme(aside)
        fsync_directory(aside)
    fsync_directory(folder)
    journal_file(folder).unlink()
    fsync_directory(folder)
    log.info("Finished replacing the database files")
    return aside


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d_%H%M%S")


def _unused_aside_name(folder: Path) -> str:
    base = f"replaced-{timestamp()}"
    name, n = base, 1
    while (layout.backups_dir(folder) / f"{name}{layout.FOLDER_SUFFIX}").exists():
        n += 1
        name = f"{base}_{n}"
    return f"{name}{layout.FOLDER_SUFFIX}"


def clear_leftovers(folder: Path) -> None:
    """Remove what PeerLog's own interrupted writes left in a locked database folder and its
    backups folder (no write of ours is under way there while we hold the lock)."""
    for path in [*staged_files(folder)]:
        for side in layout.with_side_files(path):
            _remove(side)
    for directory in (folder, layout.backups_dir(folder)):
        clear_leftovers_in(directory, prefix=".", only_dead=False)


def clear_leftovers_in(
    directory: Path, prefix: str, *, only_dead: bool = True, containing: str = ""
) -> None:
    """Remove PeerLog's leftover temporary files whose names start with `prefix` (and contain
    `containing`) in any folder (beside a backup file, say): only those of processes no longer
    running, when `only_dead`."""
    try:
        names = [
            p for p in directory.iterdir() if p.name.startswith(prefix) and containing in p.name
        ]
    except OSError:
        return
    for path in names:
        match = _LEFTOVER.match(path.name)
        if match and path.is_file() and not (only_dead and _running(int(match.group(2)))):
            _remove(path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # Windows refuses to delete a file a running process holds open
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
        log.info("Removed a file left by an interrupted write")
