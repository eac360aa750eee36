"""Help (F1, a page per screen) and the File menu's Back up now… and Open another database…,
through the real main window on real encrypted databases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.resources import resource_path
from desktop_app.services import databases, people
from desktop_app.services.protection import auto_backup
from desktop_app.store.database import CreatedDatabase, passphrase_unlocker
from desktop_app.ui.common import messages
from desktop_app.ui.shell import help_window
from desktop_app.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.conftest import FileDialogAnswers, unlock

UI = Path(help_window.__file__).resolve().parent.parent


def _open(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> Path:
    folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, folder)
    return folder


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _help_shown(window: MainWindow) -> str:
    assert window.help_window is not None and window.help_window.isVisible()
    return window.help_window.page


def test_every_screen_folder_has_a_help_page_and_every_page_exists() -> None:
    folders = {p.name for p in UI.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - set(
        help_window.SHARED_FOLDERS
    )
    assert folders == set(help_window.FOLDER_PAGES), "a new ui folder needs a help page"
    for page in help_window.PAGES:
        text = resource_path("help", f"{page}.md").read_text(encoding="utf-8")
        assert text.startswith("# "), page
    shipped = {p.stem for p in resource_path("help").glob("*.md")}
    assert shipped == set(help_window.PAGES)


def test_f1_opens_the_page_of_the_screen_shown(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    qtbot.keyClick(window.start.unlock_panel.passphrase, Qt.Key.Key_F1)
    assert _help_shown(window) == "start"  # locked: how to open a database
    window.help_window.close()
    _activate(qtbot, window)

    _open(qtbot, window, created)
    assert window.workspace is not None
    for index, section in enumerate(window.workspace.sections):
        window.workspace.show_section(index)
        _activate(qtbot, window)
        window.workspace.nav.setFocus()
        qtbot.keyClick(window.workspace.nav, Qt.Key.Key_F1)
        expected = {"Home": "home", "Sessions": "sessions", "People": "people"}
        expected |= {"Referrals": "referrals", "Safeguarding": "safeguarding"}
        expected |= {"Volunteers": "volunteers", "Settings": "settings", "Returns": "returns"}
        assert _help_shown(window) == expected[section.title], section.title
        shown = window.help_window.text.toPlainText()
        assert help_window.page_title(expected[section.title]) in shown
        window.help_window.close()


def test_f1_inside_a_form_opens_that_forms_page(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    _open(qtbot, window, created)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.workspace and window.workspace.open_dialogs()))
    dialog = window.workspace.open_dialogs()[0]
    _activate(qtbot, dialog)
    focus = QApplication.focusWidget()
    assert focus is not None and dialog.isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_F1)
    assert _help_shown(window) == "sessions"
    assert "Logging a session" in window.help_window.text.toPlainText()
    # the form is still there, untouched, and the help window is not blocked by it
    assert dialog.isVisible() and not window.help_window.isModal()


def test_back_up_now_writes_a_backup_that_opens_with_todays_passphrase(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    tmp_path: Path,
    shown_messages: list[messages.Shown],
) -> None:
    from desktop_app.domain.people import Person

    people.add_person(created.database, Person(known_as="Ada Backup"))
    _open(qtbot, window, created)
    out = tmp_path / "stick" / "Group backup"
    file_answers.answers.append(out)
    window.back_up_action.trigger()
    qtbot.waitUntil(lambda: any("backup is saved" in m.text for m in shown_messages), timeout=15000)

    written = out.with_name("Group backup.peerlog-backup")
    assert written.exists() and b"Ada Backup" not in written.read_bytes()  # encrypted
    shown = auto_backup.preview(written, passphrase_unlocker(PASSPHRASE))
    assert shown.counts["people"] == 1
    restored_into = tmp_path / "Restored.peerlog"
    databases.create_database(restored_into, "Other", PASSPHRASE).database.close()
    databases.restore_database(written, restored_into, passphrase_unlocker(PASSPHRASE))
    reopened = databases.open_database(restored_into, PASSPHRASE)
    assert [p.known_as for p in people.list_people(reopened).rows] == ["Ada Backup"]
    reopened.close()


def test_back_up_now_refuses_the_database_folder_itself(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    folder = _open(qtbot, window, created)
    file_answers.answers.append(folder / "inside.peerlog-backup")
    window.back_up_action.trigger()
    assert "inside the database folder" in shown_messages[-1].text
    assert not (folder / "inside.peerlog-backup").exists()


def test_open_another_database_without_locking_first(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    tmp_path: Path,
) -> None:
    first = _open(qtbot, window, created)
    other = tmp_path / "Other.peerlog"
    databases.create_database(other, "Other group", PASSPHRASE).database.close()

    file_answers.answers.append(None)  # cancelled: nothing changes
    window.open_other_action.trigger()
    assert window.db is not None and window.db.folder == first

    file_answers.answers.append(other)
    window.open_other_action.trigger()
    assert window.db is None  # the first one is locked, its key forgotten
    assert window.start.selected_folder == other
    assert window.start.unlock_panel.passphrase.hasFocus()
    unlock(qtbot, window, other)
    assert window.windowTitle().startswith("Other group")
