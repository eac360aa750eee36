"""Backups: one file holding the encrypted database and the key slots that were valid when it was
made, so it opens later with the passphrase or recovery code of that time.

    b"PEERLOG-BACKUP/1\\n" | header length (4 bytes, big-endian) | header JSON | database bytes

The database bytes are a copy made with SQLite's backup API under the same data key; nothing in
the file is plaintext except the header's dates and version numbers.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.connection import (
    SQLITE_ERRORS,
    Connection,
    raw_connection,
    translated_errors,
)
from desktop_app.store.errors import (
    DamagedDatabase,
    NewerVersion,
    NotAPeerLogDatabase,
    TamperedKeyFile,
)
from desktop_app.store.files import fsync_directory
from desktop_app.store.lock import FolderLock
from desktop_app.store.migrations import LATEST_VERSION
from desktop_app.store.private_files import (
    create_private_file,
    make_private_folder,
    open_private,
)
from desktop_app.store.protection.keyslots import KeySlots

log = logging.getLogger(__name__)

MAGIC = b"PEERLOG-BACKUP/1\n"
BACKUP_SUFFIX = layout.BACKUP_SUFFIX
_LENGTH = struct.Struct(">I")


@dataclass(frozen=True)
class BackupHeader:
    created_at: str
    schema_version: int
    slots: KeySlots
    data_offset: int


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d_%H%M%S")


def write_backup(conn: Connection, data_key: bytes, slots: KeySlots, out_path: Path) -> None:
    """Write a backup of the open database `conn` to `out_path` (replaced atomically; only its
    owner may read it)."""
    make_private_folder(out_path.parent, parents=True, exist_ok=True)
    copy_path = out_path.with_name(f".{out_path.name}.copy-{os.getpid()}")
    partial = out_path.with_name(f".{out_path.name}.partial-{os.getpid()}")
    try:
        with translated_errors():
            create_private_file(copy_path)  # SQLite keeps the mode, and gives it to side files
            copy = raw_connection(copy_path, data_key)
            try:
                conn.backup(copy)
                version = int(copy.execute("PRAGMA user_version").fetchone()[0])
            finally:
                copy.close()
            header = json.dumps(
                {
                    "format": "peerlog.backup/1",
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "schema_version": version,
                    "keyslots": slots.to_json(),
                }
            ).encode("utf-8")
            with open_private(partial) as out, copy_path.open("rb") as src:
                out.write(MAGIC + _LENGTH.pack(len(header)) + header)
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, out_path)
            fsync_directory(out_path.parent)
    finally:
        for leftover in (partial, *layout.with_side_files(copy_path)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    log.info("Backup written (%s)", out_path.name)


def read_backup_header(path: Path) -> BackupHeader:
    try:
        with path.open("rb") as f:
            if f.read(len(MAGIC)) != MAGIC:
                raise NotAPeerLogDatabase("This file is not a PeerLog backup.")
            (length,) = _LENGTH.unpack(f.read(_LENGTH.size))
            data = json.loads(f.read(length).decode("utf-8"))
        slots = KeySlots.from_json(data["keyslots"])
        if not slots.all_acceptable():
            raise TamperedKeyFile(
                "The keys inside this backup file have been tampered with or damaged, so it "
                "cannot be restored. Try another backup."
            )
        return BackupHeader(
            created_at=str(data["created_at"]),
            schema_version=int(data["schema_version"]),
            slots=slots,
            data_offset=len(MAGIC) + _LENGTH.size + length,
        )
    except FileNotFoundError as exc:
        raise NotAPeerLogDatabase(f"There is no backup file at {path}.") from exc
    except (struct.error, ValueError, KeyError, TypeError) as exc:
        raise DamagedDatabase("This backup file is damaged and cannot be restored.") from exc


def pragma_problems(conn: Connection, pragma: str) -> list[str]:
    """What an integrity pragma reports other than "ok" (its error, if it cannot run)."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except SQLITE_ERRORS as exc:
        rows = [str(exc)]
    return [r for r in rows if r != "ok"]


def integrity_problems(conn: Connection) -> list[str]:
    """Both full integrity checks, each problem named by its check (empty when sound)."""
    return [
        f"{pragma}: {problem}"
        for pragma in ("integrity_check", "cipher_integrity_check")
        for problem in pragma_problems(conn, pragma)
    ]


def verify_database_file(db_path: Path, data_key: bytes) -> list[str]:
    """Both integrity checks on a closed database file; the problems found (empty when sound)."""
    try:
        conn = raw_connection(db_path, data_key)
    except SQLITE_ERRORS as exc:
        return [f"cannot open: {exc}"]
    try:
        return integrity_problems(conn)
    finally:
        conn.close()


def restore_backup(
    backup_path: Path, folder: Path, unlock: Callable[[KeySlots], bytes]
) -> Path | None:
    """Replace the database in `folder` with the backup, after checking the backup is sound.

    The replaced database is kept whole (with its own key slots) in
    `backups/replaced-<time>.peerlog`, which PeerLog can open like any database. Returns that
    folder, or None when there was nothing to replace.
    """
    header = read_backup_header(backup_path)
    data_key = unlock(header.slots)
    if header.schema_version > LATEST_VERSION:
        raise NewerVersion("This backup was made by a newer version of PeerLog. Update PeerLog.")
    with translated_errors():
        folder.mkdir(parents=True, exist_ok=True)
    lock = FolderLock.acquire(folder)
    candidate = folder / ".restoring.db"
    try:
        with translated_errors():
            with backup_path.open("rb") as src, open_private(candidate) as out:
                src.seek(header.data_offset)
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            problems = verify_database_file(candidate, data_key)
            if problems:
                log.warning("Backup failed its integrity check (%d problems)", len(problems))
                raise DamagedDatabase(
                    "This backup is damaged, so nothing was restored. Your database is as it was."
                )
            replaced = _move_current_aside(folder)
            os.replace(candidate, layout.db_file(folder))
            header.slots.save(layout.slots_file(folder))
            layout.ensure_readme(folder)
            fsync_directory(folder)
    finally:
        for leftover in layout.with_side_files(candidate):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        lock.release()
    log.info("Backup restored")
    return replaced


def _move_current_aside(folder: Path) -> Path | None:
    if not layout.db_file(folder).exists():
        return None
    aside = layout.backups_dir(folder) / f"replaced-{timestamp()}{layout.FOLDER_SUFFIX}"
    aside.mkdir(parents=True)
    for path in [*layout.database_files(folder), layout.slots_file(folder)]:
        if path.exists():
            os.replace(path, aside / path.name)
    layout.ensure_readme(aside)
    fsync_directory(aside)
    return aside
