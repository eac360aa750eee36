"""A key file (or backup) whose key derivation is below PeerLog's floor, or above its ceiling,
is refused as tampered with, before any file is touched. Under PEERLOG_FAST_KDF=1 (these tests)
the floor is the minimum that mode writes; without it, that minimum is refused too."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import databases
from desktop_app.services.protection import auto_backup
from desktop_app.store import layout
from desktop_app.store.database import CreatedDatabase, Database, passphrase_unlocker
from desktop_app.store.errors import TamperedKeyFile
from desktop_app.store.protection.backup import MAGIC
from desktop_app.store.protection.keyslots import KdfParams
from tests.conftest import PASSPHRASE

TAMPERED = "has been tampered with or damaged"
RESTORE = "Restore the database from a backup"
LENGTH = struct.Struct(">I")


def every_byte(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`, the lock file too: its bytes and when it last changed."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def changed(slots: dict[str, Any], kind: str, setting: str, value: int) -> dict[str, Any]:
    for slot in slots["slots"]:
        if slot["kind"] == kind:
            slot["kdf"][setting] = value
    return slots


@pytest.fixture
def closed(created: CreatedDatabase) -> CreatedDatabase:
    created.database.close()
    return created


@pytest.mark.parametrize(
    ("kind", "setting", "value"),
    [
        ("passphrase", "memory_kib", 8 * 1024),
        ("passphrase", "iterations", 1),
        ("recovery", "memory_kib", 1024),  # any weakened slot: the whole file is suspect
        ("passphrase", "memory_kib", 64 * 1024 * 1024),  # 64 GiB: would exhaust the memory
        ("passphrase", "iterations", 10_000),  # hours of work before the passphrase is checked
        ("passphrase", "lanes", 0),
    ],
)
def test_a_key_file_asking_for_key_settings_peerlog_never_sets_is_refused_and_nothing_changes(
    closed: CreatedDatabase, kind: str, setting: str, value: int
) -> None:
    folder = closed.database.folder
    slots_file = layout.slots_file(folder)
    slots = json.loads(slots_file.read_text(encoding="utf-8"))
    slots_file.write_text(json.dumps(changed(slots, kind, setting, value)), encoding="utf-8")
    before = every_byte(folder)
    with pytest.raises(TamperedKeyFile) as caught:
        databases.open_database(folder, PASSPHRASE)
    assert TAMPERED in str(caught.value) and RESTORE in str(caught.value)
    assert "keyslots.json" in str(caught.value)
    with pytest.raises(TamperedKeyFile):
        databases.open_with_recovery_code(folder, closed.recovery_code)
    with pytest.raises(TamperedKeyFile):
        databases.check_database(folder, passphrase_unlocker(PASSPHRASE))
    assert every_byte(folder) == before


def test_the_floor_accepts_the_fast_test_mode_only_while_it_is_on(
    closed: CreatedDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = closed.database.folder
    assert KdfParams.for_new_slots() == KdfParams.minimum()
    assert KdfParams.minimum().is_acceptable()
    Database.open(folder, PASSPHRASE).close()

    monkeypatch.delenv("PEERLOG_FAST_KDF")
    assert not KdfParams.minimum().is_acceptable()
    assert KdfParams.standard().is_acceptable()
    assert KdfParams(128 * 1024, 4, 4).is_acceptable(), "an earlier standard still opens"
    before = every_byte(folder)
    with pytest.raises(TamperedKeyFile, match=TAMPERED):
        Database.open(folder, PASSPHRASE)
    assert every_byte(folder) == before


def _weaken_backup(backup: Path) -> None:
    data = backup.read_bytes()
    start = len(MAGIC) + LENGTH.size
    (length,) = LENGTH.unpack(data[len(MAGIC) : start])
    header = json.loads(data[start : start + length])
    changed(header["keyslots"], "passphrase", "memory_kib", 8 * 1024)
    text = json.dumps(header).encode("utf-8")
    backup.write_bytes(MAGIC + LENGTH.pack(len(text)) + text + data[start + length :])


def test_a_backup_whose_keys_were_weakened_is_refused(db: Database, tmp_path: Path) -> None:
    backup = tmp_path / "copy.peerlog-backup"
    databases.backup_database(db, backup)
    folder = db.folder
    db.close()
    unlock = passphrase_unlocker(PASSPHRASE)
    assert auto_backup.preview(backup, unlock).schema_version > 0
    _weaken_backup(backup)
    before = every_byte(folder)
    with pytest.raises(TamperedKeyFile, match="keys inside this backup file"):
        auto_backup.preview(backup, unlock)
    with pytest.raises(TamperedKeyFile, match="Try another backup"):
        databases.restore_database(backup, folder, unlock)
    assert every_byte(folder) == before
