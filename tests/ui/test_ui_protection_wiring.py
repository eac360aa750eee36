"""Data protection reached from the window: a backup when the database is locked, Home's
backup and retention warnings with erase or anonymise in one step, "Export everything we hold…"
from a person's record, and restore from a backup with a preview from the start screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Role
from desktop_app.services import databases, people
from desktop_app.services.access import NotAllowed
from desktop_app.services.protection import auto_backup, retention, users
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.home.home_screen import HomeScreen
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.restore_dialog import RestoreDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import FileDialogAnswers, unlock
from tests.ui.test_ui_outcomes_wiring import Opened, show

LEAD_PASSPHRASE = "lead volunteer walks the dog daily"
LONG_AGO = date(2010, 3, 1)


def test_locking_makes_the_days_backup(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    db = created.database
    auto_backup.choose_backup_folder(db, tmp_path / "stick")
    db.close()
    unlock(qtbot, window, db.folder)
    window.lock()
    made = list((tmp_path / "stick").iterdir())
    assert len(made) == 1 and made[0].name.startswith("PeerLog ")
    unlock(qtbot, window, db.folder)
    window.lock()
    assert len(list((tmp_path / "stick").iterdir())) == 1, "at most one a day"


def test_home_warns_about_backups_and_offers_retention_in_one_step(
    qtbot: QtBot, db: Database
) -> None:
    old = people.add_person(db, Person("Old Record", first_contact=LONG_AGO))
    people.add_person(db, Person("Current Person", first_contact=date.today()))
    home = HomeScreen(db, Opened())
    show(qtbot, home)
    qtbot.waitUntil(lambda: not home.checking, timeout=10_000)  # slow checks: a worker
    panel = home.protection
    assert panel.backups.isVisible()
    assert "backup" in panel.backups.text().lower()
    assert panel.retention_row.isVisible()
    assert panel.retention.text().startswith("1 person had no contact for more than 6 years")
    texts = home.attention.lines()
    assert "Past the retention period (1)" in texts
    assert any(t.startswith(f"Old Record ({old.ref}), last contact ") for t in texts)

    with messages.headless([False]):
        panel.anonymise_button.click()
    assert len(retention.people_past_retention(db)) == 1, "Cancel changes nothing"
    with messages.headless([True]) as shown:
        panel.erase_button.click()
    assert shown[-1].title == "People erased"
    assert retention.people_past_retention(db) == []
    assert [p.known_as for p in people.list_people(db).rows] == ["Current Person"]
    qtbot.waitUntil(lambda: not home.checking, timeout=10_000)
    assert not panel.retention_row.isVisible()


def test_a_lead_sees_no_retention_actions(qtbot: QtBot, db: Database) -> None:
    people.add_person(db, Person("Old Record", first_contact=LONG_AGO))
    users.add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    folder = db.folder
    db.close()
    lead_db = databases.open_database(folder, LEAD_PASSPHRASE)
    try:
        home = HomeScreen(lead_db, Opened())
        show(qtbot, home)
        qtbot.waitUntil(lambda: not home.checking, timeout=10_000)  # slow checks: a worker
        assert not home.protection.retention_row.isVisible()
        assert not any("retention" in t for t in home.attention.lines())
        with pytest.raises(NotAllowed):
            retention.erase_past_retention(lead_db)
    finally:
        lead_db.close()


def test_export_everything_we_hold_from_the_persons_record(
    qtbot: QtBot, db: Database, file_answers: FileDialogAnswers, tmp_path: Path
) -> None:
    person = people.add_person(db, Person("Amara K.", notes="Prefers mornings."))
    dialog = PersonDialog(db, person.id)
    show(qtbot, dialog)
    assert dialog.record_actions is not None
    file_answers.answers.append(tmp_path / "for Amara")
    with messages.headless() as shown:
        dialog.record_actions.export_button.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0].title == "Everything we hold has been exported"
    written = sorted(p.name for p in (tmp_path / "for Amara").iterdir())
    assert written == [
        f"{person.ref} everything we hold.json",
        f"{person.ref} everything we hold.pdf",
    ]
    assert dialog.record_actions.export_button.isEnabled()


def test_restore_from_a_backup_with_a_preview(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = created.database
    people.add_person(db, Person("In The Backup"))
    backup = tmp_path / "saved.peerlog-backup"
    databases.backup_database(db, backup)
    people.add_person(db, Person("Added Later"))
    db.close()
    window.open_folder(db.folder)
    monkeypatch.setattr(file_dialogs, "choose_open_file", lambda *_args: backup)
    window.start.restore_from_backup()
    (dialog,) = [d for d in window.start.findChildren(RestoreDialog) if d.isVisible()]
    assert not dialog.restore_button.isEnabled(), "no restore before the preview"
    dialog.passphrase.setText("not the passphrase")
    dialog.show_preview()
    qtbot.waitUntil(lambda: bool(dialog.problem.problem), timeout=20_000)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.show_preview()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    assert "people: 1;" in dialog.summary.text() and "Made on" in dialog.summary.text()
    with messages.headless([True]):
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: dialog.replaced is not None, timeout=20_000)
    unlock(qtbot, window, db.folder)
    assert window.db is not None
    assert [p.known_as for p in people.list_people(window.db).rows] == ["In The Backup"]
