"""Losing or damaging a database's files is noticed and named, never papered over: an emptied
or missing peerlog.db, a backup cut short, a lost write-ahead log, a key file edited, repeated,
weakened, made heavy or hostile. Each refusal is a plain message that points to a restore."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.domain.roles import Role
from desktop_app.services import databases
from desktop_app.services.importing.template_import import run_import
from desktop_app.services.protection import users
from desktop_app.store import database, layout
from desktop_app.store.database import CreatedDatabase, Database, passphrase_unlocker
from desktop_app.store.errors import DamagedDatabase, StoreError, TamperedKeyFile, WrongSecret
from desktop_app.store.protection.backup import MAGIC
from desktop_app.store.protection.keyslots import MAX_SLOTS, KeySlot, KeySlots, derive_key
from tests.conftest import PASSPHRASE
from tests.store.helpers import data_key, snapshot
from tests.store.kill_steps import run_killed_at

RESTORE = "Restore"
LEAD_PASSPHRASE = "the lead's own passphrase"


@pytest.fixture
def folder(created: CreatedDatabase) -> Path:
    created.database.set_setting("marker", "kept")
    created.database.close()
    return created.database.folder


def _refused_everywhere(folder: Path, words: str) -> None:
    before = snapshot(folder)
    for attempt in (
        lambda: databases.open_database(folder, PASSPHRASE),
        lambda: databases.check_database(folder, passphrase_unlocker(PASSPHRASE)),
    ):
        with pytest.raises(DamagedDatabase) as caught:
            attempt()
        assert words in str(caught.value) and RESTORE in str(caught.value)
    assert snapshot(folder) == before, "nothing may be changed or made in its place"


@pytest.mark.parametrize("how", ["emptied", "deleted"])
def test_a_database_file_emptied_or_deleted_beside_its_key_file_is_damage(
    folder: Path, how: str
) -> None:
    db_file = layout.db_file(folder)
    if how == "emptied":
        db_file.write_bytes(b"")
    else:
        db_file.unlink()
    _refused_everywhere(folder, "peerlog.db")


def _backup(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / "b.peerlog-backup"
    db = databases.open_database(folder, PASSPHRASE)
    databases.backup_database(db, out)
    db.close()
    return out


@pytest.mark.parametrize("keep", ["header only", "half", "all but one byte"])
def test_a_backup_cut_short_is_refused_before_anything_is_replaced(
    folder: Path, tmp_path: Path, keep: str
) -> None:
    backup = _backup(folder, tmp_path)
    data = backup.read_bytes()
    header_end = len(MAGIC) + 4 + int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    cut = {"header only": header_end, "half": (header_end + len(data)) // 2}
    backup.write_bytes(data[: cut.get(keep, len(data) - 1)])
    before = snapshot(folder)
    with pytest.raises(DamagedDatabase, match="nothing was restored"):
        databases.restore_database(backup, folder, passphrase_unlocker(PASSPHRASE))
    assert snapshot(folder) == before
    fresh = tmp_path / "New.peerlog"
    with pytest.raises(DamagedDatabase, match="nothing was restored"):
        databases.restore_database(backup, fresh, passphrase_unlocker(PASSPHRASE))
    assert not layout.db_file(fresh).exists()


def _write_then_die_before_the_checkpoint(folder: Path) -> None:
    """In a child: write, count the save, and die before the log is copied into peerlog.db."""

    def child() -> None:
        db = databases.open_database(folder, PASSPHRASE)
        db.set_setting("marker", "written later")
        db.purge_freed_space = lambda: os._exit(0)  # type: ignore[method-assign]
        db.save_point()

    assert run_killed_at(10**6, child)


def test_work_lost_with_the_write_ahead_log_is_noticed(folder: Path) -> None:
    """Killed after a large write's save was counted but before the log reached peerlog.db;
    the -wal file is then lost: the database is older than its key file says."""

    _write_then_die_before_the_checkpoint(folder)
    wal = folder / "peerlog.db-wal"
    assert wal.stat().st_size > 0
    wal.unlink()
    (folder / "peerlog.db-shm").unlink(missing_ok=True)
    with pytest.raises(DamagedDatabase, match="older than its last save") as caught:
        databases.open_database(folder, PASSPHRASE)
    assert "-wal" in str(caught.value)
    problems = databases.check_database(folder, passphrase_unlocker(PASSPHRASE))
    assert any("older than its last save" in p.text for p in problems)


def test_a_killed_write_whose_log_survives_opens_with_everything(folder: Path) -> None:
    _write_then_die_before_the_checkpoint(folder)
    db = databases.open_database(folder, PASSPHRASE)
    assert db.setting("marker") == "written later"
    db.close()
    assert databases.check_database(folder, passphrase_unlocker(PASSPHRASE)) == []


def test_an_import_ends_with_its_work_in_the_database_file_and_a_save_counted(
    created: CreatedDatabase, tmp_path: Path
) -> None:
    db = created.database
    source = tmp_path / "import"
    source.mkdir()
    (source / "people.csv").write_text(
        "ref,known_as,first_contact\r\nP-1,Amara K.,2024-02-01\r\nP-2,Ben T.,2024-02-03\r\n",
        encoding="utf-8",
    )
    saves_before = KeySlots.load(layout.slots_file(db.folder)).saves
    run_import(db, source)
    wal = db.folder / "peerlog.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the import ends with a checkpoint"
    assert KeySlots.load(layout.slots_file(db.folder)).saves == saves_before + 1


# Key files ------------------------------------------------------------------------------------


def _slots_json(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(layout.slots_file(folder).read_text(encoding="utf-8"))
    return data


def _write_slots(folder: Path, data: object) -> None:
    layout.slots_file(folder).write_text(json.dumps(data), encoding="utf-8")


def _refused_as_damaged_key_file(folder: Path, passphrase: str = PASSPHRASE) -> None:
    started = time.perf_counter()
    with pytest.raises(DamagedDatabase) as caught:
        databases.open_database(folder, passphrase)
    message = str(caught.value)
    assert "keyslots.json" in message and RESTORE in message
    assert not isinstance(caught.value, WrongSecret)
    assert time.perf_counter() - started < 5, "refused at once, not after a long derivation"


HOSTILE: dict[str, str] = {
    "null": "null",
    "a list": "[]",
    "a number": "42",
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "Infinity": '{"format": "peerlog.keyslots/2", "saves": Infinity}',
    "NaN saves": '{"format": "peerlog.keyslots/1", "database_id": NaN, "slots": []}',
    "slots a string": '{"format": "peerlog.keyslots/1", "database_id": "x", "slots": "abc"}',
    "slot null": '{"format": "peerlog.keyslots/1", "database_id": "x", "slots": [null]}',
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_key_file_content_gets_a_plain_message(folder: Path, content: str) -> None:
    layout.slots_file(folder).write_text(content, encoding="utf-8")
    _refused_as_damaged_key_file(folder)
    with pytest.raises(DamagedDatabase):
        databases.check_database(folder, passphrase_unlocker(PASSPHRASE))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("salt", base64.b64encode(b"short").decode()),
        ("nonce", base64.b64encode(b"").decode()),
        ("wrapped_key", base64.b64encode(b"x" * 10).decode()),
        ("memory_kib", 1e309),
        ("iterations", True),
        ("memory_kib", 256 * 1024),  # more than PeerLog writes: accepted once, 72 s at the most
        ("iterations", 20),
    ],
)
def test_key_slots_peerlog_never_writes_are_refused_as_damage(
    folder: Path, field: str, value: object
) -> None:
    data = _slots_json(folder)
    slot = data["slots"][0]
    (slot["kdf"] if field in ("salt", "memory_kib", "iterations") else slot)[field] = value
    _write_slots(folder, data)
    _refused_as_damaged_key_file(folder)


def test_the_same_content_in_a_backup_header_gets_a_plain_message(
    folder: Path, tmp_path: Path
) -> None:
    backup = _backup(folder, tmp_path)
    data = backup.read_bytes()
    length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    for header in (b"null", b"[]", b"[" * 50_000, b'{"keyslots": {"format": Infinity}}'):
        backup.write_bytes(MAGIC + len(header).to_bytes(4, "big") + header + data[length:])
        with pytest.raises(DamagedDatabase, match="backup"):
            databases.restore_database(backup, folder, passphrase_unlocker(PASSPHRASE))


@pytest.mark.parametrize("copies", [2, 60])
def test_repeated_slots_are_refused_at_once(folder: Path, copies: int) -> None:
    data = _slots_json(folder)
    data["slots"] = data["slots"][:1] * copies + data["slots"][1:]
    _write_slots(folder, data)
    _refused_as_damaged_key_file(folder)


def _with_made_up_slots(folder: Path, total: int) -> None:
    """Fill the key file up to `total` slots, each for a different made-up user."""
    data = _slots_json(folder)
    template = data["slots"][0]
    while len(data["slots"]) < total:
        n = len(data["slots"])
        made_up = {**template, "id": f"slot {n}", "user_id": f"user {n}"}
        made_up["kdf"] = {**template["kdf"], "salt": base64.b64encode(os.urandom(16)).decode()}
        made_up["wrapped_key"] = base64.b64encode(os.urandom(48)).decode()
        data["slots"].append(made_up)
    _write_slots(folder, data)


def test_more_slots_than_peerlog_allows_are_refused(folder: Path) -> None:
    _with_made_up_slots(folder, MAX_SLOTS)
    assert len(KeySlots.load(layout.slots_file(folder)).slots) == MAX_SLOTS
    _with_made_up_slots(folder, MAX_SLOTS + 1)
    _refused_as_damaged_key_file(folder)


def test_users_cannot_be_added_past_what_a_key_file_may_hold(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "MAX_SLOTS", 4)  # the coordinator and recovery code make 2
    users.add_user(db, "Lee", Role.LEAD, LEAD_PASSPHRASE)
    users.add_user(db, "Kit", Role.LEAD, "Kit's own passphrase")
    with pytest.raises(StoreError, match="as many users as PeerLog allows"):
        users.add_user(db, "Max", Role.LEAD, "Max's own passphrase")
    assert [u.name for u in users.list_users(db)] == ["Coordinator", "Kit", "Lee"]
    folder = db.folder
    db.close()
    databases.open_database(folder, "Kit's own passphrase").close()


def _with_lead(folder: Path) -> tuple[str, str]:
    """Add a lead; return (coordinator id, lead id)."""
    db = databases.open_database(folder, PASSPHRASE)
    coordinator = db.unlocked_by.user_id or ""
    lead = users.add_user(db, "Lee", Role.LEAD, LEAD_PASSPHRASE)
    db.close()
    return coordinator, lead.id


def test_a_lead_slot_relabelled_as_the_coordinator_does_not_open_as_the_coordinator(
    folder: Path,
) -> None:
    coordinator, lead = _with_lead(folder)
    data = _slots_json(folder)
    data["slots"] = [s for s in data["slots"] if s["user_id"] != coordinator]
    for slot in data["slots"]:
        if slot["user_id"] == lead:
            slot["user_id"] = coordinator
            slot["role"] = "coordinator"
    _write_slots(folder, data)
    _refused_as_damaged_key_file(folder, LEAD_PASSPHRASE)


def test_a_slot_list_edited_by_hand_is_damage_not_a_wrong_passphrase(folder: Path) -> None:
    _with_lead(folder)
    data = _slots_json(folder)
    lead_slot = next(s for s in data["slots"] if s.get("role") == "lead")
    data["slots"].remove(lead_slot)  # a removed user's slot put back, or one taken out
    _write_slots(folder, data)
    _refused_as_damaged_key_file(folder)


def _format_1_slot(slot: KeySlot, secret: str, key: bytes, database_id: str) -> dict[str, Any]:
    """The slot as PeerLog wrote it before format 2: user and role not bound in."""
    old = replace(slot, nonce=os.urandom(12), binding=1, role=None, check=None)
    kek = derive_key(secret, old.salt, old.kdf)
    wrapped = AESGCM(kek).encrypt(old.nonce, key, old.associated_data(database_id))
    data = replace(old, wrapped_key=wrapped).to_json()
    assert "role" not in data and "check" not in data
    return data


def _in_format_1(created: CreatedDatabase) -> Path:
    """The database's key file rewritten as PeerLog wrote it before format 2."""
    folder = created.database.folder
    created.database.close()
    slots = KeySlots.load(layout.slots_file(folder))
    key = data_key(folder, PASSPHRASE)
    secrets = {"passphrase": PASSPHRASE, "recovery": created.recovery_code}
    _write_slots(
        folder,
        {
            "format": "peerlog.keyslots/1",
            "database_id": slots.database_id,
            "slots": [
                _format_1_slot(s, secrets[s.kind], key, slots.database_id) for s in slots.slots
            ],
        },
    )
    assert KeySlots.load(layout.slots_file(folder)).seal is None
    return folder


def test_a_format_1_key_file_opens_and_each_slot_is_bound_when_it_unlocks(
    created: CreatedDatabase,
) -> None:
    folder = _in_format_1(created)
    databases.open_database(folder, PASSPHRASE).close()
    data = _slots_json(folder)
    assert data["format"] == "peerlog.keyslots/2"
    bound = {s["kind"]: s.get("binding") for s in data["slots"]}
    assert bound == {"passphrase": 2, "recovery": 1}, "only the slot that unlocked"
    assert next(s for s in data["slots"] if s["kind"] == "passphrase")["role"] == "coordinator"
    databases.open_with_recovery_code(folder, created.recovery_code).close()
    assert {s.get("binding") for s in _slots_json(folder)["slots"]} == {2}
    db = databases.open_database(folder, PASSPHRASE)
    assert db.verify() == []
    db.close()


def test_a_format_1_slot_not_yet_rewritten_is_covered_by_the_seal(
    created: CreatedDatabase,
) -> None:
    folder = _in_format_1(created)
    databases.open_database(folder, PASSPHRASE).close()  # seals the file
    data = _slots_json(folder)
    recovery = next(s for s in data["slots"] if s["kind"] == "recovery")
    assert recovery["binding"] == 1
    recovery["user_id"] = "someone else"
    _write_slots(folder, data)
    with pytest.raises(TamperedKeyFile):
        databases.open_with_recovery_code(folder, created.recovery_code)


def test_leftovers_of_interrupted_writes_are_cleared_and_nothing_else(folder: Path) -> None:
    ours = [
        folder / ".keyslots.json.tmp-99999",
        folder / ".pending-audit.json.tmp-4",
        folder / ".restoring.db",
        folder / ".restoring.db-wal",
        folder / ".restoring-keyslots.json",
        folder / "backups" / ".auto.peerlog-backup.copy-99999",
        folder / "backups" / ".auto.peerlog-backup.copy-99999-wal",
        folder / "backups" / ".auto.peerlog-backup.partial-99999",
    ]
    theirs = [folder / "notes.txt", folder / ".hidden", folder / "backups" / "x.copy-1"]
    (folder / "backups").mkdir(exist_ok=True)
    for path in ours + theirs:
        path.write_bytes(b"x")
    databases.open_database(folder, PASSPHRASE).close()
    assert [p for p in ours if p.exists()] == []
    assert all(p.exists() for p in theirs)


def _ended_process_id() -> int:
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_a_backup_clears_what_killed_backups_left_beside_it(folder: Path, tmp_path: Path) -> None:
    out_folder = tmp_path / "backups elsewhere"
    out_folder.mkdir()
    dead = _ended_process_id()
    left = [
        out_folder / f".Group-2026-01-01.peerlog-backup.partial-{dead}",
        out_folder / f".Group-2026-01-01.peerlog-backup.copy-{dead}",
        out_folder / f".Group-2026-01-01.peerlog-backup.copy-{dead}-wal",
        out_folder / f".b2.copy-{dead}",
    ]
    theirs = [out_folder / f".other.tmp-{dead}", out_folder / "notes.peerlog-backup.partial"]
    for path in left + theirs:
        path.write_bytes(b"x")
    db = databases.open_database(folder, PASSPHRASE)
    databases.backup_database(db, out_folder / "Group-2026-02-01.peerlog-backup")
    databases.backup_database(db, out_folder / "b2")
    db.close()
    assert [p for p in left if p.exists()] == []
    assert all(p.exists() for p in theirs)
