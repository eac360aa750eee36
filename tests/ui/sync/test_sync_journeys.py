"""Sync between laptops in the window: the shared folder chosen in Settings, File → Sync now on
two laptops (the second joining from a backup of the first) with its report, a sync that cannot
run, a real conflict reviewed from the report, and Home's warning about a laptop that has been
silent for weeks."""

from __future__ import annotations

import dataclasses
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sync.report import SyncReport
from desktop_app.services import drafts, people, sync
from desktop_app.store.database import Database
from desktop_app.ui.common import messages
from desktop_app.ui.common.worker import Report
from desktop_app.ui.people.people_screen import PeopleScreen
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.settings.settings_screen import SettingsScreen
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.sync import sync_actions, sync_task
from desktop_app.ui.sync.home_panel import SyncHomePanel
from desktop_app.ui.sync.report_dialog import SyncReportDialog
from desktop_app.ui.sync.review_dialog import ChangesToCheckDialog
from tests.sync.laptops import Group
from tests.ui.conftest import FileDialogAnswers, unlock
from tests.ui.test_ui_journeys_corrections import section_key

CTRL = Qt.KeyboardModifier.ControlModifier
WAIT_MS = 15_000


def _texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def _two_laptops(group: Group) -> tuple[Database, Path]:
    """The coordinator's laptop shares and has synced; the lead's laptop joined from a backup,
    shares through the same folder and is closed, ready to unlock in the window."""
    coordinator = group.first_laptop()
    sync.set_share_folder(coordinator, group.folder)
    sync.sync_now(coordinator)
    lead = group.join_from(coordinator, "Lead's laptop")
    sync.set_share_folder(lead, group.folder)
    return coordinator, group.close(lead)


def _sync_from_file_menu(qtbot: QtBot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "S&ync now")
    assert action.isEnabled() and "Ctrl+Shift+S" in action.shortcut().toString()
    action.trigger()


def _report(qtbot: QtBot, window: MainWindow) -> SyncReportDialog:
    def shown() -> SyncReportDialog | None:
        found = [d for d in window.findChildren(SyncReportDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    dialog = shown()
    assert dialog is not None
    return dialog


def test_the_shared_folder_and_the_laptop_name_are_chosen_in_settings(
    qtbot: QtBot, window: MainWindow, group: Group, file_answers: FileDialogAnswers
) -> None:
    folder = group.close(group.first_laptop())
    unlock(qtbot, window, folder)
    qtbot.keyClick(window, section_key("Settings"), CTRL)
    assert window.workspace is not None and window.db is not None
    screen = window.workspace.findChild(SettingsScreen)
    assert isinstance(screen, SettingsScreen) and screen.isVisible()
    assert "None chosen" in screen.sharing.folder.text()
    assert not screen.sharing.stop_button.isEnabled()

    file_answers.answers.append(group.folder)
    screen.sharing.choose_button.click()
    assert sync.share_folder(window.db) == group.folder.resolve()
    assert screen.sharing.folder.text() == str(group.folder.resolve())
    screen.sharing.name.setText("  Front   office laptop ")
    screen.save_button.click()
    assert sync.laptop_name(window.db) == "Front office laptop"

    inside = folder / "inside"
    inside.mkdir()
    file_answers.answers.append(inside)
    screen.sharing.choose_button.click()
    assert "outside the database's own folder" in screen.errors.shown()["share_folder"]
    assert sync.share_folder(window.db) == group.folder.resolve(), "the folder stays as it was"

    with messages.headless([True]) as asked:
        screen.sharing.stop_button.click()
    assert asked[0].title == "Stop sharing?"
    assert sync.share_folder(window.db) is None
    assert "None chosen" in screen.sharing.folder.text()


def test_sync_now_on_two_laptops_brings_records_and_reports_the_other_laptop(
    qtbot: QtBot, window: MainWindow, group: Group, shown_messages: list[messages.Shown]
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    unlock(qtbot, window, lead_folder)
    assert window.db is not None and window.workspace is not None
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=WAIT_MS)  # the quiet one
    qtbot.keyClick(window, section_key("People"), CTRL)
    people_screen = window.workspace.findChild(PeopleScreen)
    assert people_screen is not None and people_screen.model.total == 0
    amara = people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator)

    _sync_from_file_menu(qtbot, window)
    report = _report(qtbot, window)
    text = _texts(report)
    assert "From Coordinator's laptop:\n• Added 1 person." in text
    assert "Coordinator's laptop: last synced today" in text
    assert "Lead's laptop (this laptop): last synced today" in text
    assert not [m for m in shown_messages if m.kind == "error"]
    assert people_screen.model.total == 1, "the screen in view shows what came in"
    report.reject()

    # What was stored: the person came, and each laptop knows the other through the folder.
    assert people.get_person(window.db, amara.id).known_as == "Amara K."
    lead_sees = {laptop.laptop_name for laptop in sync.status(window.db).laptops}
    assert lead_sees == {"Lead's laptop", "Coordinator's laptop"}
    sync.sync_now(coordinator)
    coordinator_sees = {laptop.laptop_name: laptop for laptop in sync.status(coordinator).laptops}
    assert coordinator_sees["Lead's laptop"].behind == 0


def test_unlocking_syncs_quietly_and_says_so_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, group: Group, shown_messages: list[messages.Shown]
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    amara = people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator)
    unlock(qtbot, window, lead_folder)
    assert window.db is not None
    qtbot.waitUntil(
        lambda: "Synced with the other laptops" in window.statusBar().currentMessage(),
        timeout=WAIT_MS,
    )
    assert window.statusBar().currentMessage() == (
        "Synced with the other laptops: 1 change came in."
    )
    assert people.get_person(window.db, amara.id).known_as == "Amara K."
    assert not shown_messages, "a quiet sync shows no message box"


def test_a_folder_unplugged_is_said_plainly_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, group: Group, shown_messages: list[messages.Shown]
) -> None:
    coordinator = group.first_laptop()
    sync.set_share_folder(coordinator, group.folder)
    folder = group.close(coordinator)
    shutil.rmtree(group.folder)  # the USB stick is not plugged in
    unlock(qtbot, window, folder)
    assert window.db is not None
    before = _everything(window.db)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(m.kind == "error" for m in shown_messages), timeout=WAIT_MS)
    error = next(m for m in shown_messages if m.kind == "error")
    assert error.title == "The sync did not run"
    assert error.text.startswith(f"The shared folder {group.folder.resolve()} is not there.")
    assert "plug it in" in error.text and "Nothing was changed." in error.text
    assert not window.findChildren(SyncReportDialog)
    assert _everything(window.db) == before
    home = window.workspace.findChild(SyncHomePanel) if window.workspace else None
    assert home is not None
    qtbot.waitUntil(lambda: home.isVisible() and not home.reading, timeout=WAIT_MS)
    assert "Not synced: The shared folder" in home.warnings.text()


def test_home_warns_of_a_laptop_silent_for_more_than_three_weeks(
    qtbot: QtBot, window: MainWindow, group: Group
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    lead = group.reopen(lead_folder)
    sync.sync_now(lead)
    lead.close()
    folder = group.close(coordinator)
    unlock(qtbot, window, folder)
    panel = window.workspace.findChild(SyncHomePanel) if window.workspace else None
    assert panel is not None
    qtbot.waitUntil(lambda: panel.isVisible() and not panel.reading, timeout=WAIT_MS)
    assert "Last synced: this laptop (Coordinator's laptop) today" in panel.laptops.text()
    assert "; Lead's laptop today at" in panel.laptops.text()
    assert not panel.warnings.isVisible()

    later = datetime.now(UTC) + timedelta(days=24, hours=1)
    panel.now = lambda: later
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.reading, timeout=WAIT_MS)
    assert panel.warnings.isVisible()
    assert (
        "Lead's laptop has not synced for 24 days — its changes are not here yet"
        in panel.warnings.text()
    )


def _everything(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show a failed sync changed nothing."""
    conn = db.connection()
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}


def test_a_real_conflict_is_reviewed_from_the_report_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, group: Group
) -> None:
    coordinator = group.first_laptop()
    amara = people.add_person(coordinator, Person("Amara K."))
    lead = group.join_from(coordinator, "Lead's laptop")
    people.update_person(coordinator, dataclasses.replace(amara, notes="Prefers evenings"))
    sync.sync_now(coordinator, folder=group.folder)
    people.update_person(lead, dataclasses.replace(amara, notes="Comes on Tuesdays"))
    unlock(qtbot, window, group.close(lead))  # not sharing yet: no quiet sync at unlock
    db = window.db
    assert db is not None
    sync.set_share_folder(db, group.folder)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    report = _report(qtbot, window)
    assert "No records were added, changed or removed here" in _texts(report)
    assert "1 detail was changed on two laptops" in _texts(report)
    home = window.workspace.findChild(SyncHomePanel) if window.workspace else None
    assert home is not None
    qtbot.waitUntil(lambda: not home.check_button.isHidden(), timeout=WAIT_MS)
    assert home.check_button.text() == "Changes to chec&k (1)…"
    report.review_button.click()
    review = next(d for d in window.findChildren(ChangesToCheckDialog) if d.isVisible())
    assert review.list.count() == 1
    qtbot.waitExposed(review)
    qtbot.waitUntil(review.list.hasFocus, timeout=WAIT_MS)  # the keyboard starts on the list
    assert "Amara K." in review.record.text() and review.field.text() == "Notes"
    assert review.kept.text() == "Comes on Tuesdays — from this laptop"
    assert review.other.text() == "Prefers evenings — from Coordinator's laptop"
    qtbot.keyClick(review.list, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Use the other…
    qtbot.waitUntil(lambda: review.list.count() == 0, timeout=WAIT_MS)  # (a button's Alt key
    assert review.empty.isVisible() and not review.details.isVisible()  # clicks a moment later)
    review.reject()
    qtbot.waitUntil(home.check_button.isHidden, timeout=WAIT_MS)

    assert people.get_person(db, amara.id).notes == "Prefers evenings"
    assert sync.conflicts(db) == []
    sync.sync_now(db)
    sync.sync_now(coordinator, folder=group.folder)
    assert people.get_person(coordinator, amara.id).notes == "Prefers evenings"


def _typing_a_new_person(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.add_person_action.trigger()
    dialog = next(d for d in window.findChildren(PersonDialog) if d.isVisible())
    qtbot.keyClicks(dialog.known_as, name)


def test_locking_syncs_first_and_keeps_what_was_being_typed(
    qtbot: QtBot, window: MainWindow, group: Group
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    unlock(qtbot, window, lead_folder)
    assert window.db is not None
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=WAIT_MS)  # the quiet one
    ben = people.add_person(window.db, Person("Ben T."))
    _typing_a_new_person(qtbot, window, "Chidi O.")
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.db is None

    sync.sync_now(coordinator)
    assert people.get_person(coordinator, ben.id).known_as == "Ben T.", "sent before locking"
    lead = group.reopen(lead_folder)
    [draft] = drafts.my_drafts(lead)
    assert "Chidi O." in draft.fields.values()


def test_locking_waits_only_a_moment_for_a_slow_sync(
    qtbot: QtBot,
    window: MainWindow,
    group: Group,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    group.close(coordinator)
    unlock(qtbot, window, lead_folder)
    assert window.db is not None
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=WAIT_MS)
    steps: list[int] = []

    def slow_sync(_db: Database, report: Report) -> SyncReport:
        for step in range(100):  # ten seconds, unless cancelled
            steps.append(step)
            report(step, 100, "Changes from a slow network drive")
            time.sleep(0.1)
        return SyncReport(sent=0)

    monkeypatch.setattr(sync_task.sync, "sync_now", slow_sync)
    monkeypatch.setattr(sync_actions, "LOCK_WAIT_S", 0.5)
    _typing_a_new_person(qtbot, window, "Chidi O.")
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(steps), timeout=WAIT_MS)
    started = time.monotonic()
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.db is None
    assert time.monotonic() - started < 3, "locking waited too long for the sync"
    assert len(steps) < 60, "the slow sync was stopped"
    assert "did not finish" in window.statusBar().currentMessage()
    lead = group.reopen(lead_folder)
    [draft] = drafts.my_drafts(lead)
    assert "Chidi O." in draft.fields.values()


def test_many_removals_wait_until_a_coordinator_applies_them_from_the_report(
    qtbot: QtBot, window: MainWindow, group: Group
) -> None:
    coordinator, lead_folder = _two_laptops(group)
    everyone = [people.add_person(coordinator, Person(f"Person {i}")) for i in range(20)]
    sync.sync_now(coordinator)
    lead = group.reopen(lead_folder)
    sync.sync_now(lead)
    group.close(lead)
    for person in everyone[:12]:
        people.delete_person(coordinator, person.id)
    sync.sync_now(coordinator)
    unlock(qtbot, window, lead_folder)
    assert window.db is not None
    qtbot.waitUntil(lambda: not window.syncing.running, timeout=WAIT_MS)
    _sync_from_file_menu(qtbot, window)
    report = _report(qtbot, window)
    assert "Coordinator's laptop removed 12 of 20 records." in _texts(report)
    assert len(people.list_people(window.db).rows) == 20, "nothing removed yet"
    [apply] = report.apply_buttons
    with messages.headless([True]) as asked:
        apply.click()
        assert asked[0].title == "Apply these removals?"
        qtbot.waitUntil(lambda: _report(qtbot, window) is not report, timeout=WAIT_MS)
    again = _report(qtbot, window)
    assert "From Coordinator's laptop:\n• Removed 12 people." in _texts(again)
    assert len(people.list_people(window.db).rows) == 8


def test_sync_now_asked_for_during_the_quiet_sync_follows_it(
    qtbot: QtBot, window: MainWindow, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    _coordinator, lead_folder = _two_laptops(group)
    real_sync = sync.sync_now
    calls: list[float] = []

    def first_one_slow(db: Database, report: Report) -> SyncReport:
        calls.append(time.monotonic())
        if len(calls) == 1:
            time.sleep(0.5)  # the quiet sync at unlock, still running when Sync now is asked
        return real_sync(db, report)

    monkeypatch.setattr(sync_task.sync, "sync_now", first_one_slow)
    unlock(qtbot, window, lead_folder)
    assert window.syncing.running
    _sync_from_file_menu(qtbot, window)
    assert window.statusBar().currentMessage() == "Syncing already; Sync now follows in a moment."
    report = _report(qtbot, window)
    assert len(calls) == 2
    assert "Coordinator's laptop: last synced today" in _texts(report)
