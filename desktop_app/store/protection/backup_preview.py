"""What a backup holds, before restoring it: its date and how many records of each kind."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.store.connection import SQLITE_ERRORS, raw_connection
from desktop_app.store.errors import DamagedDatabase
from desktop_app.store.protection.backup import copy_payload, read_backup_header
from desktop_app.store.protection.keyslots import KeySlots

COUNTED = (
    ("people", "people"),
    ("sessions", "sessions"),
    ("attendances", "attendances"),
    ("volunteers", "volunteers"),
    ("volunteer_hours", "volunteer hours entries"),
    ("case_studies", "case studies"),
)


@dataclass(frozen=True)
class BackupPreview:
    created_at: str  # UTC, ISO 8601
    schema_version: int
    counts: dict[str, int]  # plain name -> how many


def preview_backup(path: Path, unlock: Callable[[KeySlots], bytes]) -> BackupPreview:
    header = read_backup_header(path)
    data_key = unlock(header.slots)
    with tempfile.TemporaryDirectory(prefix="peerlog-preview-") as temp:
        copy = Path(temp) / "preview.db"
        copy_payload(path, header, data_key, copy)
        conn = raw_connection(copy, data_key)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            counts = {
                label: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table, label in COUNTED
                if table in tables
            }
        except SQLITE_ERRORS as exc:
            raise DamagedDatabase("This backup is damaged and cannot be restored.") from exc
        finally:
            with contextlib.suppress(*SQLITE_ERRORS):
                conn.close()
    return BackupPreview(header.created_at, header.schema_version, counts)
