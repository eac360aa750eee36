"""Automatic backups: at most daily, rotation keeps the newest N of this database's own, Home's
warning, and the restore preview."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.protection.backups import BackupState
from desktop_app.domain.protection.roles import Role
from desktop_app.services import databases, people
from desktop_app.services.access import NotAllowed
from desktop_app.services.protection import auto_backup
from desktop_app.services.protection.home_summary import protection_attention
from desktop_app.services.protection.users import add_user
from desktop_app.store.database import Database, passphrase_unlocker
from tests.conftest import PASSPHRASE
from tests.protection.conftest import LEAD_PASSPHRASE, Records

START = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)


def test_backups_are_made_at_most_daily_and_rotated(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    auto_backup.choose_backup_folder(db, folder, keep=3)
    stranger = (
        folder / "PeerLog 00000000-0000-0000-0000-000000000000 2020-01-01_000000.peerlog-backup"
    )
    stranger.write_bytes(b"another database's backup")
    made = auto_backup.back_up_if_due(db, START)
    assert made is not None and made.exists()
    assert auto_backup.back_up_if_due(db, START + timedelta(hours=23)) is None
    for day in range(1, 5):
        assert auto_backup.back_up_if_due(db, START + timedelta(days=day)) is not None
    kept = [at for at, _ in auto_backup.own_backups(db, folder)]
    assert kept == [START + timedelta(days=d) for d in (2, 3, 4)]
    assert stranger.exists()
    assert sum(1 for p in folder.iterdir() if p.suffix == ".peerlog-backup") == 4


def test_home_is_told_when_backups_need_attention(db: Database, tmp_path: Path) -> None:
    assert auto_backup.status(db).state is BackupState.NO_FOLDER
    folder = tmp_path / "usb"
    auto_backup.choose_backup_folder(db, folder)
    assert auto_backup.status(db).state is BackupState.NONE_YET
    auto_backup.back_up_if_due(db, START)
    assert auto_backup.status(db, START + timedelta(days=7)).state is BackupState.OK
    late = auto_backup.status(db, START + timedelta(days=8))
    assert late.state is BackupState.OUT_OF_DATE and "8 days old" in late.message
    shutil.rmtree(folder)  # the USB stick is unplugged
    missing = auto_backup.status(db, START + timedelta(days=1))
    assert missing.needs_attention and "cannot be found" in missing.message
    assert auto_backup.back_up_if_due(db, START + timedelta(days=2)) is None


def test_only_coordinators_choose_the_folder(lead_db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotAllowed):
        auto_backup.choose_backup_folder(lead_db, tmp_path / "usb")


def test_restore_preview_shows_date_and_counts(
    db: Database, records: Records, tmp_path: Path
) -> None:
    auto_backup.choose_backup_folder(db, tmp_path / "usb")
    made = auto_backup.back_up_if_due(db, START)
    assert made is not None
    unlock = passphrase_unlocker(PASSPHRASE)
    shown = auto_backup.preview(made, unlock)
    assert shown.created_at[:10] == datetime.now(UTC).date().isoformat()
    assert shown.counts["people"] == 2 and shown.counts["sessions"] == 1
    assert shown.counts["attendances"] == 2 and shown.counts["volunteer hours entries"] == 1
    folder = db.folder
    db.close()
    databases.restore_database(made, folder, unlock)
    restored = databases.open_database(folder, PASSPHRASE)
    count = restored.connection().execute("SELECT COUNT(*) FROM people").fetchone()[0]
    restored.close()
    assert count == 2


def test_home_lists_retention_for_coordinators_only(db: Database, records: Records) -> None:
    people.add_person(db, Person("Recent"))
    later = START.date().replace(year=2031)
    home = protection_attention(db, today=later)
    assert [p.known_as for p in home.past_retention] == ["Amara K.", "Ben T."]
    assert home.backups.state is BackupState.NO_FOLDER and home.retention_years == 6
    add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    folder = db.folder
    db.close()
    lead = databases.open_database(folder, LEAD_PASSPHRASE)
    try:
        assert (
            protection_attention(lead, today=START.date().replace(year=2031)).past_retention == []
        )
    finally:
        lead.close()


def test_closing_makes_the_days_backup_and_survives_a_missing_folder(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    auto_backup.choose_backup_folder(db, folder)
    made = auto_backup.close_with_backup(db)
    assert made is not None and made.exists() and not db.is_open
    again = databases.open_database(made.parent.parent / "Test.peerlog", PASSPHRASE)
    shutil.rmtree(folder)
    assert auto_backup.close_with_backup(again) is None and not again.is_open
