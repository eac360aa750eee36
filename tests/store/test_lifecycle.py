"""Opening, upgrading, checking, locking, backing up and restoring real database folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli import main
from desktop_app.domain.protection.integrity import ProblemKind
from desktop_app.services import databases
from desktop_app.store import layout, migrations
from desktop_app.store.database import CreatedDatabase, Database, passphrase_unlocker
from desktop_app.store.errors import (
    AlreadyOpen,
    DamagedDatabase,
    NewerVersion,
    NotAPeerLogDatabase,
)
from desktop_app.store.migrations.step import Migration
from desktop_app.store.protection.backup import BACKUP_SUFFIX, read_backup_header
from tests.conftest import PASSPHRASE
from tests.store.helpers import data_key, raw_connection, run_python, set_user_version, snapshot


def _add_notes(db: Database, count: int) -> None:
    """Enough rows to fill several pages."""
    with db.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS test_notes (n INTEGER, body TEXT)")
        conn.executemany(
            "INSERT INTO test_notes VALUES (?, ?)", [(i, f"note {i} " * 20) for i in range(count)]
        )


def _notes(db: Database) -> list[tuple[int, str]]:
    rows = db.connection().execute("SELECT n, body FROM test_notes ORDER BY n").fetchall()
    return [(int(n), str(body)) for n, body in rows]


def test_database_from_a_newer_version_is_refused_and_untouched(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    set_user_version(folder, PASSPHRASE, migrations.LATEST_VERSION + 1)
    set_upgraded_by(folder, None)  # as a database upgraded by a PeerLog before 0.2.0 says
    before = snapshot(folder)
    with pytest.raises(NewerVersion, match="newer version of PeerLog"):
        Database.open(folder, PASSPHRASE)
    assert snapshot(folder) == before


def test_a_newer_database_names_the_version_to_install(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    set_user_version(folder, PASSPHRASE, migrations.LATEST_VERSION + 1)
    set_upgraded_by(folder, "9.1.0")
    before = snapshot(folder)
    with pytest.raises(NewerVersion) as refused:
        Database.open(folder, PASSPHRASE)
    assert str(refused.value) == (
        f"This database was last upgraded by PeerLog 9.1.0; this is PeerLog {__version__}. "
        "Install PeerLog 9.1.0 or newer to open it. The database has not been changed."
    )
    assert snapshot(folder) == before


def test_each_schema_step_records_the_version_that_took_it(created: CreatedDatabase) -> None:
    db = created.database
    assert db.setting(migrations.UPGRADED_BY, "") == __version__


def set_upgraded_by(folder: Path, version: str | None) -> None:
    conn = raw_connection(layout.db_file(folder), data_key(folder, PASSPHRASE))
    conn.execute("DELETE FROM settings WHERE key = ?", (migrations.UPGRADED_BY,))
    if version is not None:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)", (migrations.UPGRADED_BY, version)
        )
    conn.commit()
    conn.close()


def test_upgrade_takes_an_encrypted_backup_first(
    created: CreatedDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = created.database
    _add_notes(db, 10)
    folder = db.folder
    db.close()
    old = migrations.LATEST_VERSION

    def add_column(conn: object) -> None:
        conn.execute("ALTER TABLE test_notes ADD COLUMN extra TEXT")  # type: ignore[attr-defined]

    step = Migration(old + 1, "test step", add_column)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(migrations, "LATEST_VERSION", old + 1)

    db = Database.open(folder, PASSPHRASE)
    assert db.connection().execute("PRAGMA user_version").fetchone()[0] == old + 1
    db.close()
    backups = list(layout.backups_dir(folder).glob(f"*{BACKUP_SUFFIX}"))
    assert len(backups) == 1
    assert read_backup_header(backups[0]).schema_version == old
    restored = tmp_path / "Restored.peerlog"
    databases.restore_database(backups[0], restored, passphrase_unlocker(PASSPHRASE))
    db = Database.open(restored, PASSPHRASE)  # upgrades the restored copy in turn
    assert len(_notes(db)) == 10
    db.close()


def test_failed_upgrade_step_leaves_the_version_as_it_was(
    created: CreatedDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = created.database.folder
    created.database.close()
    old = migrations.LATEST_VERSION

    def broken(conn: object) -> None:
        conn.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        raise RuntimeError("step failed")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", (*migrations.MIGRATIONS, Migration(old + 1, "x", broken))
    )
    monkeypatch.setattr(migrations, "LATEST_VERSION", old + 1)
    with pytest.raises(RuntimeError):
        Database.open(folder, PASSPHRASE)
    monkeypatch.undo()
    db = Database.open(folder, PASSPHRASE)
    conn = db.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0
    )
    db.close()


def test_connection_settings(db: Database) -> None:
    conn = db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_one_flipped_byte_in_a_data_page_is_reported_by_check(
    created: CreatedDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = created.database
    _add_notes(db, 400)
    folder = db.folder
    db.close()
    problems = databases.check_database(folder, passphrase_unlocker(PASSPHRASE))
    assert problems == []
    data = bytearray(layout.db_file(folder).read_bytes())
    page_size = 4096
    assert len(data) > 6 * page_size
    data[4 * page_size + 1000] ^= 0x01
    layout.db_file(folder).write_bytes(bytes(data))
    problems = databases.check_database(folder, passphrase_unlocker(PASSPHRASE))
    assert problems, "a flipped byte must be reported"
    assert {p.kind for p in problems} == {ProblemKind.DAMAGED}
    assert any("hmac" in p.text.lower() or "page" in p.text.lower() for p in problems)
    monkeypatch.setenv("PEERLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "The database is damaged. Restore it from a backup." in err
    assert "audit trail" not in err


def test_damaged_first_page_is_damage_not_a_wrong_passphrase(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    data = bytearray(layout.db_file(folder).read_bytes())
    data[100] ^= 0xFF
    layout.db_file(folder).write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase, match="damaged"):
        Database.open(folder, PASSPHRASE)


def test_a_folder_that_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotAPeerLogDatabase, match="There is no PeerLog database"):
        Database.open(tmp_path / "missing.peerlog", PASSPHRASE)
    (tmp_path / "Other.peerlog").mkdir()
    with pytest.raises(NotAPeerLogDatabase, match="not a PeerLog database"):
        Database.open(tmp_path / "Other.peerlog", PASSPHRASE)


def test_second_opener_is_refused_in_process_and_from_another_process(db: Database) -> None:
    with pytest.raises(AlreadyOpen, match="already open"):
        Database.open(db.folder, PASSPHRASE)
    child = run_python(
        "from pathlib import Path\n"
        "from desktop_app.store.database import Database\n"
        "from desktop_app.store.errors import AlreadyOpen\n"
        f"try:\n    Database.open(Path({str(db.folder)!r}), {PASSPHRASE!r})\n"
        "except AlreadyOpen:\n    print('refused')\n"
    )
    out, err = child.communicate(timeout=60)
    assert out.strip() == "refused", err
    db.close()
    Database.open(db.folder, PASSPHRASE).close()  # free again once closed


def test_backup_then_restore_gives_back_identical_records(
    created: CreatedDatabase, tmp_path: Path
) -> None:
    db = created.database
    _add_notes(db, 50)
    expected = _notes(db)
    backup = tmp_path / f"weekly{BACKUP_SUFFIX}"
    db.backup_to(backup)
    with db.transaction() as conn:
        conn.execute("DELETE FROM test_notes WHERE n < 25")
    folder = db.folder
    db.close()
    replaced = databases.restore_database(backup, folder, passphrase_unlocker(PASSPHRASE))
    db = Database.open(folder, PASSPHRASE)
    assert _notes(db) == expected
    db.close()
    assert replaced is not None
    kept = Database.open(replaced, PASSPHRASE)  # the replaced database is a backup of its own
    assert len(_notes(kept)) == 25
    kept.close()


def test_backup_opens_with_the_secrets_valid_when_it_was_made(
    created: CreatedDatabase, tmp_path: Path
) -> None:
    db = created.database
    backup = tmp_path / f"old{BACKUP_SUFFIX}"
    db.backup_to(backup)
    databases.change_passphrase(db, PASSPHRASE, "the passphrase of today")
    db.close()
    target = tmp_path / "FromBackup.peerlog"
    databases.restore_database(backup, target, passphrase_unlocker(PASSPHRASE))
    Database.open(target, PASSPHRASE).close()


def test_restoring_a_damaged_backup_changes_nothing(
    created: CreatedDatabase, tmp_path: Path
) -> None:
    db = created.database
    _add_notes(db, 200)
    backup = tmp_path / f"b{BACKUP_SUFFIX}"
    db.backup_to(backup)
    folder = db.folder
    db.close()
    data = bytearray(backup.read_bytes())
    data[-5000] ^= 0x10
    backup.write_bytes(bytes(data))
    before = snapshot(folder)
    with pytest.raises(DamagedDatabase, match="nothing was restored"):
        databases.restore_database(backup, folder, passphrase_unlocker(PASSPHRASE))
    assert snapshot(folder) == before
    not_backup = tmp_path / "notes.txt"
    not_backup.write_text("hello")
    with pytest.raises(NotAPeerLogDatabase, match="not a PeerLog backup"):
        databases.restore_database(not_backup, folder, passphrase_unlocker(PASSPHRASE))
    assert snapshot(folder) == before


def test_quick_check_can_run_after_open_on_another_thread(created: CreatedDatabase) -> None:
    import threading

    db = created.database
    _add_notes(db, 400)
    folder = db.folder
    db.close()
    data = bytearray(layout.db_file(folder).read_bytes())
    data[5 * 4096 + 500] ^= 0x01
    layout.db_file(folder).write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase):
        Database.open(folder, PASSPHRASE)
    db = Database.open_with(folder, passphrase_unlocker(PASSPHRASE), quick_check=False)
    found: list[str] = []
    worker = threading.Thread(target=lambda: found.extend(db.quick_check()))
    worker.start()
    worker.join()
    db.close()
    assert found, "the damaged page must be found by the background check"
