"""The Settings section: coordinators change settings, users, wording, measures, backups,
passphrase and recovery code; a peer support lead sees none of it and the services refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.volunteers import Volunteer, dbs_due_on
from desktop_app.services import databases, home, outcomes, people, settings, volunteers
from desktop_app.services.access import NotAllowed
from desktop_app.services.protection import auto_backup, consent, retention, users
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.settings.settings_dialogs import (
    ChangePassphraseDialog,
    CustomMeasureDialog,
    ItemWordingDialog,
    RecoveryCodeDialog,
)
from desktop_app.ui.settings.settings_screen import SettingsScreen
from desktop_app.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.conftest import FileDialogAnswers, unlock

LEAD_PASSPHRASE = "lead volunteer walks the dog daily"


def open_settings(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> SettingsScreen:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None
    titles = [s.title for s in window.workspace.sections]
    assert "Settings" in titles
    settings_key = getattr(Qt.Key, f"Key_{titles.index('Settings') + 1}")  # Ctrl+its number
    qtbot.keyClick(window, settings_key, Qt.KeyboardModifier.ControlModifier)
    screen = window.workspace.screen_at(titles.index("Settings"))
    assert isinstance(screen, SettingsScreen) and screen.isVisible()
    return screen


def test_coordinator_changes_settings_on_the_screen(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, shown_messages: list
) -> None:
    screen = open_settings(qtbot, window, created)
    db = window.db
    assert db is not None
    assert screen.organisation.text() == "Test Group"
    assert screen.auto_lock.value() == 5
    screen.organisation.setText("Hill Street Peers")
    screen.notice_version.setText("2025-04")
    screen.review_weeks.setValue(8)
    screen.retention_years.setValue(7)
    screen.auto_lock.setValue(15)
    screen.hourly_rate.setValue(12.5)
    screen.dbs_years.setValue(2)
    screen.save_button.click()
    assert settings.organisation_name(db) == "Hill Street Peers"
    assert consent.privacy_notice_version(db) == "2025-04"
    assert outcomes.review_weeks(db) == 8
    assert retention.retention_years(db) == 7
    assert settings.auto_lock_minutes(db) == 15
    assert settings.volunteer_hourly_rate(db) == 12.5
    assert settings.dbs_renewal_years(db) == 2
    assert window.windowTitle() == "Hill Street Peers — PeerLog"
    assert window.idle.timer.interval() == 15 * 60_000, "the new idle time applies at once"
    assert shown_messages[-1].title == "Settings saved"


def test_problems_show_beside_the_field_and_nothing_else_is_lost(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    screen = open_settings(qtbot, window, created)
    screen.organisation.setText("   ")
    screen.auto_lock.setValue(20)
    screen.save_button.click()
    assert screen.errors.shown() == {
        "organisation_name": "Give the organisation a name, as on returns."
    }
    assert screen.organisation.text() == "   ", "the edit stays to be corrected"
    assert window.db is not None and settings.auto_lock_minutes(window.db) == 20


def test_backup_folder_and_keep(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    tmp_path: Path,
) -> None:
    screen = open_settings(qtbot, window, created)
    screen.backup_keep.setValue(4)
    screen.save_button.click()
    assert "Choose a backup folder first" in screen.errors.shown()["backup_folder"]
    file_answers.answers.append(tmp_path / "stick")
    screen.choose_backup_folder()
    db = window.db
    assert db is not None
    assert auto_backup.backup_folder(db) == tmp_path / "stick"
    assert db.setting(auto_backup.KEEP_SETTING) == "4"
    assert screen.backup_folder.text() == str(tmp_path / "stick")


def test_item_wording_and_custom_measure(qtbot: QtBot, db: Database) -> None:
    wording = ItemWordingDialog(db)
    qtbot.addWidget(wording)
    wording.measure.setCurrentIndex(wording.measure.findData("SWEMWBS"))
    wording.items[0].setText("Our licensed wording of item one")
    wording.save()
    assert outcomes.measure(db, "SWEMWBS").items[0].label == "Our licensed wording of item one"

    custom = CustomMeasureDialog(db)
    qtbot.addWidget(custom)
    custom.save()
    assert custom.errors.shown(), "an empty measure is refused with a reason"
    custom.name.setText("Confidence")
    custom.items.setPlainText("I can ask for help\nI feel part of the group\n")
    custom.save()
    made = [m for m in outcomes.measures(db) if m.custom]
    assert [(m.name, len(m.items)) for m in made] == [("Confidence", 2)]


def test_change_passphrase(qtbot: QtBot, db: Database) -> None:
    dialog = ChangePassphraseDialog(db)
    qtbot.addWidget(dialog)
    new = "a brand new passphrase for the laptop"
    dialog.current.setText("not it at all")
    dialog.new.first.setText(new)
    dialog.new.second.setText(new)
    dialog.save()
    assert dialog.current_error.problem, "a wrong current passphrase is refused"
    dialog.current.setText(PASSPHRASE)
    dialog.new.first.setText(new)
    dialog.new.second.setText(new)
    dialog.save()
    folder = db.folder
    db.close()
    databases.open_database(folder, new).close()


def test_new_recovery_code_is_shown_once_and_works(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    screen = open_settings(qtbot, window, created)
    with messages.headless([True]):
        screen.new_recovery_code()
    (dialog,) = [d for d in screen.findChildren(RecoveryCodeDialog) if d.isVisible()]
    code = dialog.code.text()
    assert code and code != created.recovery_code
    dialog.kept.setChecked(True)
    dialog.reject()
    assert dialog.code.text() == ""
    folder = created.database.folder
    window.lock()
    databases.open_with_recovery_code(folder, code).close()
    with pytest.raises(StoreError):
        databases.open_with_recovery_code(folder, created.recovery_code)


def test_a_lead_sees_no_coordinator_actions_and_services_refuse(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    db = created.database
    users.add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    person = people.add_person(db, Person("Amara K."))
    db.close()
    unlock(qtbot, window, db.folder, LEAD_PASSPHRASE)
    lead_db = window.db
    assert window.workspace is not None and lead_db is not None
    assert [s.title for s in window.workspace.sections] == [
        "Home",
        "Sessions",
        "People",
        "Referrals",
        "Safeguarding",
        "Volunteers",
    ]
    assert not window.go_actions[len(window.workspace.sections)].isEnabled()
    nav = window.workspace.nav
    assert "Settings" not in [nav.item(i).text() for i in range(nav.count())]
    window.workspace.open_person(person.id)
    (dialog,) = window.workspace.open_dialogs()
    assert isinstance(dialog, PersonDialog) and dialog.record_actions is not None
    assert dialog.delete_button is not None and not dialog.delete_button.isVisible()
    assert not dialog.record_actions.export_button.isVisible()
    assert dialog.record_actions.record_button.isVisible(), "leads record outcomes"
    texts = visible_texts()
    assert "Erase" not in texts and "Export everything" not in texts
    for refused in (
        lambda: settings.set_auto_lock_minutes(lead_db, 9),
        lambda: settings.set_organisation_name(lead_db, "Taken over"),
        lambda: retention.set_retention_years(lead_db, 1),
        lambda: databases.regenerate_recovery_code(lead_db),
        lambda: auto_backup.choose_backup_folder(lead_db, lead_db.folder.parent / "b"),
    ):
        with pytest.raises(NotAllowed):
            refused()
    assert settings.auto_lock_minutes(lead_db) == 5


def test_dbs_renewal_years_moves_the_reminder(db: Database) -> None:
    checked = date.today() - timedelta(days=2 * 365 + 20)
    volunteers.add_volunteer(db, Volunteer("Priya Shah", dbs_checked_on=checked))
    assert home.attention(db).dbs_due == [], "renewed every 3 years: not yet due"
    settings.set_dbs_renewal_years(db, 2)
    (due,) = home.attention(db).dbs_due
    assert due.due_on == dbs_due_on(checked, 2)
    with pytest.raises(ValidationFailed):
        settings.set_dbs_renewal_years(db, 0)


def test_the_organisation_identifier_is_typed_checked_and_saved(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, shown_messages: list
) -> None:
    screen = open_settings(qtbot, window, created)
    db = window.db
    assert db is not None
    qtbot.keyClicks(screen.identifier, "1234567")
    screen.save_button.click()
    assert "GB-CHC-1234567" in screen.errors.shown()["organisation_identifier"]
    assert settings.organisation_identifier(db) == ""
    screen.identifier.setText("gb-chc-1234567")
    screen.save_button.click()
    assert settings.organisation_identifier(db) == "GB-CHC-1234567"
    assert screen.identifier.text() == "GB-CHC-1234567"
