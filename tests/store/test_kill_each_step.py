"""Every step that replaces files, killed before each of its file operations in turn: afterwards
the database opens with the old secret and holds the old records, or with the new secret and the
new records, never neither and never a mixture; and running the step again finishes it."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services import databases
from desktop_app.services.protection import users
from desktop_app.store import layout
from desktop_app.store.database import Database, passphrase_unlocker
from desktop_app.store.errors import WrongSecret
from desktop_app.store.protection import keyslots
from desktop_app.store.protection.backup import read_backup_header
from tests.store.helpers import snapshot
from tests.store.kill_steps import kill_at_each_step

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")


@pytest.fixture(autouse=True)
def remembered_derivations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id gives the same key for the same secret, salt and settings: remember each (in
    this process and the children forked from it) so that a hundred runs stay quick."""
    monkeypatch.setattr(keyslots, "derive_key", functools.cache(keyslots.derive_key))


BACKUP_PASSPHRASE = "the passphrase of the backup"
CURRENT_PASSPHRASE = "the passphrase of today"
LEAD_PASSPHRASE = "the lead's own passphrase"
MARKERS = [f"marker_{i}" for i in range(5)]


def _mark(db: Database, value: str) -> None:
    with db.transaction() as conn:
        for key in MARKERS:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _contents(folder: Path, passphrase: str) -> str | None:
    """The one marker value every record holds, or None when `passphrase` does not open it."""
    try:
        db = databases.open_database(folder, passphrase)
    except WrongSecret:
        return None
    try:
        values = {db.setting(key) for key in MARKERS}
        assert db.verify() == []
    finally:
        db.close()
    assert len(values) == 1, f"a mixture of records: {values}"
    return values.pop()


def _state(folder: Path, secrets: dict[str, str]) -> str:
    """Which of `secrets` (passphrase -> the records it should open) opens the database."""
    for passphrase, expected in secrets.items():
        found = _contents(folder, passphrase)
        if found is not None:
            assert found == expected, f"{passphrase!r} opens {found!r} records"
            return passphrase  # one key file, so no other secret can open it too
    raise AssertionError("neither the old nor the new secret opens the database")


@pytest.fixture
def template(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A database that now opens with CURRENT_PASSPHRASE and holds 'current' records, and a
    backup of it from when it opened with BACKUP_PASSPHRASE and held 'backup' records."""
    folder = tmp_path / "template" / "Group.peerlog"
    created = databases.create_database(folder, "Group", BACKUP_PASSPHRASE)
    db = created.database
    _mark(db, "backup")
    backup = tmp_path / "group.peerlog-backup"
    databases.backup_database(db, backup)
    databases.change_passphrase(db, BACKUP_PASSPHRASE, CURRENT_PASSPHRASE)
    _mark(db, "current")
    db.close()
    yield folder, backup


def _fresh(template: Path, tmp_path: Path, n: int) -> Path:
    folder = tmp_path / f"run-{n}" / template.name
    shutil.copytree(template, folder)
    return folder


@pytest.mark.slow
def test_restore_killed_at_each_file_operation_keeps_one_whole_database(
    template: tuple[Path, Path], tmp_path: Path
) -> None:
    source, backup = template
    secrets = {CURRENT_PASSPHRASE: "current", BACKUP_PASSPHRASE: "backup"}
    folders: list[Path] = []

    def restore(current: str = CURRENT_PASSPHRASE) -> None:
        databases.restore_database(
            backup,
            folders[-1],
            passphrase_unlocker(BACKUP_PASSPHRASE),
            current_unlock=passphrase_unlocker(current),
        )

    def after_each(n: int, finished: bool) -> None:
        folder = folders[-1]
        state = _state(folder, secrets)
        assert not finished or state == BACKUP_PASSPHRASE
        restore(current=state)  # running it again finishes cleanly
        assert _contents(folder, BACKUP_PASSPHRASE) == "backup"
        kept = sorted((folder / "backups").glob("replaced-*.peerlog"))
        # the database replaced first is kept whole, with its own keys
        assert _contents(kept[0], CURRENT_PASSPHRASE) == "current"
        assert not [p for p in folder.iterdir() if p.name.startswith((".", "swap-journal"))]
        folders.append(_fresh(source, tmp_path, n + 1))

    folders.append(_fresh(source, tmp_path, 1))
    runs = kill_at_each_step(restore, after_each)
    print(f"restore killed at {runs - 1} points")
    assert runs > 10, "the restore should have been killed at many points"


@pytest.mark.slow
@pytest.mark.parametrize("how", ["change", "recovery code"])
def test_passphrase_change_killed_at_each_file_operation(
    template: tuple[Path, Path], tmp_path: Path, how: str
) -> None:
    source, _backup = template
    db = databases.open_database(source, CURRENT_PASSPHRASE)
    code = databases.regenerate_recovery_code(db)
    db.close()
    new = "a passphrase chosen after"
    secrets = {CURRENT_PASSPHRASE: "current", new: "current"}
    folders = [_fresh(source, tmp_path, 1)]

    def change(current: str = CURRENT_PASSPHRASE) -> None:
        if how == "change":
            db = databases.open_database(folders[-1], current)
            databases.change_passphrase(db, current, new)
        else:
            db = databases.reset_passphrase_with_recovery_code(folders[-1], code, new)
        db.close()

    def after_each(n: int, finished: bool) -> None:
        state = _state(folders[-1], secrets)
        assert not finished or state == new
        if state != new:
            change()
        assert _state(folders[-1], secrets) == new
        folders.append(_fresh(source, tmp_path, n + 1))

    assert kill_at_each_step(change, after_each) > 3


def _lead_listed_and_opens(folder: Path) -> tuple[bool, bool]:
    db = databases.open_database(folder, CURRENT_PASSPHRASE)
    try:
        listed = any(u.name == "Lee" for u in users.list_users(db))
    finally:
        db.close()
    try:
        databases.open_database(folder, LEAD_PASSPHRASE).close()
    except WrongSecret:
        return listed, False
    return listed, True


def _kill_user_change(source: Path, base: Path, change: Callable[[Database], None]) -> Path:
    """Kill `change` (run by the coordinator) at each file operation; after each, Lee is listed
    exactly when Lee's passphrase opens the database. Returns the folder where it finished."""
    folders = [_fresh(source, base, 1)]

    def step() -> None:
        db = databases.open_database(folders[-1], CURRENT_PASSPHRASE)
        change(db)
        db.close()

    def after_each(n: int, finished: bool) -> None:
        listed, opens = _lead_listed_and_opens(folders[-1])
        assert listed == opens, f"run {n}: listed {listed} but opens {opens}"
        folders.append(_fresh(source, base, n + 1))

    assert kill_at_each_step(step, after_each) > 3
    return folders[-2]


@pytest.mark.slow
def test_adding_and_removing_a_user_killed_at_each_file_operation_is_one_step(
    template: tuple[Path, Path], tmp_path: Path
) -> None:
    source, _backup = template

    def add(db: Database) -> None:
        users.add_user(db, "Lee", Role.LEAD, LEAD_PASSPHRASE)

    with_lead = _kill_user_change(source, tmp_path / "add", add)
    assert _lead_listed_and_opens(with_lead) == (True, True)
    db = databases.open_database(with_lead, CURRENT_PASSPHRASE)
    lee = next(u for u in users.list_users(db) if u.name == "Lee")
    db.close()

    def remove(db: Database) -> None:
        users.remove_user(db, lee.id)

    without_lead = _kill_user_change(with_lead, tmp_path / "remove", remove)
    assert _lead_listed_and_opens(without_lead) == (False, False)


@pytest.mark.slow
def test_backup_killed_at_each_file_operation_leaves_no_temporary_file(
    template: tuple[Path, Path], tmp_path: Path
) -> None:
    source, _backup = template
    folders = [_fresh(source, tmp_path, 1)]
    outs = [tmp_path / "out-1" / "copy.peerlog-backup"]

    def backup() -> None:
        db = databases.open_database(folders[-1], CURRENT_PASSPHRASE)
        databases.backup_database(db, outs[-1])
        db.close()

    def after_each(n: int, finished: bool) -> None:
        out = outs[-1]
        if out.parent.exists():
            for name, data in snapshot(out.parent).items():
                assert b"current" not in data, f"{name} holds plaintext"
        assert _contents(folders[-1], CURRENT_PASSPHRASE) == "current"
        assert not [p for p in folders[-1].iterdir() if p.name.startswith(".")]
        if out.exists():
            read_backup_header(out)
        backup()  # again: finishes, and clears what the killed run left
        assert [p.name for p in out.parent.iterdir()] == [out.name]
        assert read_backup_header(out).slots.database_id
        folders.append(_fresh(source, tmp_path, n + 1))
        outs.append(tmp_path / f"out-{n + 1}" / out.name)

    assert kill_at_each_step(backup, after_each) > 3
    assert layout.db_file(folders[0]).exists()
