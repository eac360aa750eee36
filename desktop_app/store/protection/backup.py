"""Backups: one file holding the encrypted database and the key slots that were valid when it was
made, so it opens later with the passphrase or recovery code of that time.

    b"PEERLOG-BACKUP/1\\n" | header length (4 bytes, big-endian) | header JSON | database bytes

The database bytes are a copy made with SQLite's backup API under the same data key; nothing in
the file is plaintext except the header's dates and version numbers.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
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
from desktop_app.store.migrations import LATEST_VERSION
from desktop_app.store.private_files import (
    create_private_file,
    make_private_folder,
    open_private,
)
from desktop_app.store.protection import file_swaps
from desktop_app.store.protection.file_swaps import clear_leftovers_in
from desktop_app.store.protection.keyslots import KeySlots, subkey

log = logging.getLogger(__name__)

MAGIC = b"PEERLOG-BACKUP/1\n"
BACKUP_SUFFIX = layout.BACKUP_SUFFIX
_LENGTH = struct.Struct(">I")


BACKUP_DAMAGED = "This backup is damaged, so nothing was restored. Your database is as it was."
_CHUNK = 1024 * 1024
_MAX_HEADER = 1024 * 1024


@dataclass(frozen=True)
class BackupHeader:
    created_at: str
    schema_version: int
    slots: KeySlots
    data_offset: int
    payload_bytes: int | None  # None in backups made before it was recorded
    payload_mac: bytes


def write_backup(conn: Connection, data_key: bytes, slots: KeySlots, out_path: Path) -> None:
    """Write a backup of the open database `conn` to `out_path` (replaced atomically; only its
    owner may read it). The header records the database copy's length and an HMAC of it under
    the data key, so a backup cut short or changed is refused before it replaces anything."""
    make_private_folder(out_path.parent, parents=True, exist_ok=True)
    # what killed backups left: of this file, and of any backup (automatic ones are named by time)
    clear_leftovers_in(out_path.parent, prefix=f".{out_path.name}.")
    clear_leftovers_in(out_path.parent, prefix=".", containing=f"{BACKUP_SUFFIX}.")
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
            length, mac = _measure(copy_path, data_key)
            header = json.dumps(
                {
                    "format": "peerlog.backup/1",
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "schema_version": version,
                    "keyslots": slots.to_json(),
                    "payload": {"bytes": length, "hmac_sha256": mac.hex()},
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


def _payload_mac(data_key: bytes) -> hmac.HMAC:
    return hmac.new(subkey(data_key, "peerlog-backup-payload/1"), digestmod=hashlib.sha256)


def _measure(path: Path, data_key: bytes) -> tuple[int, bytes]:
    mac = _payload_mac(data_key)
    length = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            mac.update(chunk)
            length += len(chunk)
    return length, mac.digest()


def copy_payload(backup_path: Path, header: BackupHeader, data_key: bytes, out: Path) -> None:
    """Copy the backup's database into `out` (fsynced), refusing a copy cut short or changed:
    its length and HMAC must match the header's (backups from before these were recorded must
    at least hold something). DamagedDatabase says nothing was restored."""
    mac = _payload_mac(data_key)
    length = 0
    with translated_errors(), backup_path.open("rb") as src, open_private(out) as dst:
        src.seek(header.data_offset)
        while chunk := src.read(_CHUNK):
            mac.update(chunk)
            length += len(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    if header.payload_bytes is None:
        whole = length > 0
    else:
        same_mac = hmac.compare_digest(mac.digest(), header.payload_mac)
        whole = length == header.payload_bytes and same_mac
    if not whole:
        log.warning("Backup cut short or changed")
        raise DamagedDatabase(BACKUP_DAMAGED)


def read_backup_header(path: Path) -> BackupHeader:
    try:
        with path.open("rb") as f:
            if f.read(len(MAGIC)) != MAGIC:
                raise NotAPeerLogDatabase("This file is not a PeerLog backup.")
            (length,) = _LENGTH.unpack(f.read(_LENGTH.size))
            if length > _MAX_HEADER:
                raise ValueError("header too long")
            data = json.loads(f.read(length).decode("utf-8"), parse_constant=_no_constant)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        try:
            slots = KeySlots.from_json(data["keyslots"])
        except TamperedKeyFile as exc:
            raise TamperedKeyFile(
                "The keys inside this backup file have been tampered with or damaged, so it "
                "cannot be restored. Try another backup."
            ) from exc
        payload = data.get("payload")
        return BackupHeader(
            created_at=str(data["created_at"])[:40],
            schema_version=_whole_number(data["schema_version"]),
            slots=slots,
            data_offset=len(MAGIC) + _LENGTH.size + length,
            payload_bytes=None if payload is None else _whole_number(payload["bytes"]),
            payload_mac=b"" if payload is None else bytes.fromhex(payload["hmac_sha256"]),
        )
    except FileNotFoundError as exc:
        raise NotAPeerLogDatabase(f"There is no backup file at {path}.") from exc
    except (
        struct.error,
        ValueError,
        KeyError,
        TypeError,
        RecursionError,
        OverflowError,
    ) as exc:
        raise DamagedDatabase("This backup file is damaged and cannot be restored.") from exc


def _whole_number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**62:
        raise ValueError("not a whole number")
    return value


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


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
    folder, or None when there was nothing to replace. Crash-safe: see file_swaps.
    """
    header = read_backup_header(backup_path)
    data_key = unlock(header.slots)
    if not header.slots.seal_is_sound(data_key):
        raise TamperedKeyFile(
            "The keys inside this backup file have been tampered with or damaged, so it "
            "cannot be restored. Try another backup."
        )
    if header.schema_version > LATEST_VERSION:
        raise NewerVersion("This backup was made by a newer version of PeerLog. Update PeerLog.")
    with translated_errors():
        folder.mkdir(parents=True, exist_ok=True)
    lock = file_swaps.lock_and_settle(folder, new_folder=True)
    staged_db, staged_slots = file_swaps.staged_files(folder)
    try:
        copy_payload(backup_path, header, data_key, staged_db)
        problems = _restored_problems(staged_db, data_key, header)
        if problems:
            log.warning("Backup failed its integrity check (%d problems)", len(problems))
            raise DamagedDatabase(BACKUP_DAMAGED)
        with translated_errors():
            header.slots.save(staged_slots)
            layout.ensure_readme(folder)
            replaced = file_swaps.swap_in(folder)
    finally:
        if not file_swaps.journal_file(folder).exists():
            file_swaps.clear_leftovers(folder)
        lock.release()
    log.info("Backup restored")
    return replaced


def _restored_problems(db_path: Path, data_key: bytes, header: BackupHeader) -> list[str]:
    """Integrity checks, and that the copy is the database its key slots belong to."""
    problems = verify_database_file(db_path, data_key)
    if problems:
        return problems
    conn = raw_connection(db_path, data_key)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'database_id'").fetchone()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except SQLITE_ERRORS as exc:
        return [str(exc)]
    finally:
        conn.close()
    if row is None or row[0] != header.slots.database_id or version != header.schema_version:
        return ["the database copy is not the one its header describes"]
    return []
