"""The keyboard goes where a person expects: Tab leaves date boxes, Down moves from a search box
into its results, the passphrase box has the cursor whenever it is shown, and secrets stay
hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.services.demo.builder import create_demo_database
from desktop_app.services.demo.identity import DEMO_PASSPHRASE
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.common import worker
from desktop_app.ui.forms.date_fields import DateBox, OptionalDateBox
from desktop_app.ui.importing.export_all_dialog import ExportAllDialog
from desktop_app.ui.importing.import_dialog import ImportDialog
from desktop_app.ui.importing.mapping_dialog import MappingDialog
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.settings.settings_dialogs import AuditDialog
from desktop_app.ui.settings.users_dialog import UsersDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.demo_panel import DEMO_HINT
from desktop_app.ui.start.recent_databases import remember_database
from desktop_app.ui.start.recovery_dialog import RecoveryDialog
from desktop_app.ui.start.unlock_panel import UnlockPanel
from tests.ui.conftest import unlock
from tests.ui.widget_checks import mnemonic_clashes


def focused() -> QWidget | None:
    return QApplication.focusWidget()


_windows: list[QWidget] = []  # kept alive for the test's length


def form_with(qtbot: QtBot, box: QWidget) -> tuple[QLineEdit, QLineEdit]:
    """`box` between two line edits, in a shown, active window."""
    window = QWidget()
    _windows[:] = [window]
    qtbot.addWidget(window)
    before, after = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    for widget in (before, box, after):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return before, after


@pytest.mark.parametrize("make", [lambda: DateBox("Day"), lambda: OptionalDateBox("Day")])
def test_tab_moves_from_a_date_box_to_the_next_field(qtbot: QtBot, make: object) -> None:
    box = make()  # type: ignore[operator]
    before, after = form_with(qtbot, box)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert focused() is after
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is before


def test_arrows_still_move_within_a_date(qtbot: QtBot) -> None:
    box = DateBox("Day", allow_future=True)
    form_with(qtbot, box)
    box.setDate(QDate(2025, 6, 15))
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)  # the day
    qtbot.keyClick(box, Qt.Key.Key_Right)
    qtbot.keyClick(box, Qt.Key.Key_Right)
    qtbot.keyClick(box, Qt.Key.Key_Right)  # past the space: the month
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.date() == QDate(2025, 7, 15)
    assert focused() is box


def test_tab_leaves_first_contact_while_not_recorded(qtbot: QtBot, db: Database) -> None:
    dialog = PersonDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.first_contact.setFocus()
    assert dialog.first_contact.value() is None
    qtbot.keyClick(dialog.first_contact, Qt.Key.Key_Tab)
    assert focused() is not dialog.first_contact
    assert focused() is not None and focused() is not dialog.first_contact.lineEdit()


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Demo.peerlog"
    create_demo_database(folder, "small", 1).database.close()
    return folder


def test_down_from_a_search_box_into_the_results_and_up_again(
    qtbot: QtBot, window: MainWindow, demo_folder: Path
) -> None:
    unlock(qtbot, window, demo_folder, DEMO_PASSPHRASE)
    assert window.workspace is not None
    for index in (1, 2):  # Sessions, People
        window.go_to(index)
        screen = window.workspace.screen_at(index)
        search = screen._search  # type: ignore[attr-defined]
        table = screen.table  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda t=table: t.model().rowCount() > 0)
        search.setFocus()
        qtbot.keyClick(search, Qt.Key.Key_Down)
        assert focused() is table
        assert table.currentIndex().row() == 0
        qtbot.keyClick(table, Qt.Key.Key_Up)
        assert focused() is search


def test_the_sections_list_shows_when_it_has_the_keyboard(
    qtbot: QtBot, window: MainWindow, demo_folder: Path
) -> None:
    unlock(qtbot, window, demo_folder, DEMO_PASSPHRASE)
    assert window.workspace is not None
    nav = window.workspace.nav
    nav.setFocus()
    qtbot.waitUntil(nav.hasFocus)
    with_focus = nav.grab().toImage()
    window.workspace.screen_at(0).setFocus()
    qtbot.waitUntil(lambda: not nav.hasFocus())
    without = nav.grab().toImage()
    assert with_focus != without, "nothing shows that the sections list has the keyboard"


@pytest.mark.parametrize("how", ["--db", "recent"])
def test_opening_a_database_puts_the_cursor_in_the_passphrase_box(
    qtbot: QtBot, created: CreatedDatabase, how: str
) -> None:
    created.database.close()
    if how == "recent":
        remember_database(created.database.folder)  # PeerLog started with no --db
    window = MainWindow()
    qtbot.addWidget(window)
    if how == "--db":
        window.open_folder(created.database.folder)  # as `peerlog --db FOLDER`, before show
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is window.start.unlock_panel.passphrase)


def test_the_passphrase_box_is_in_the_same_place_for_the_demo(qtbot: QtBot, tmp_path: Path) -> None:
    panel = UnlockPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.set_folder(tmp_path / "Ours.peerlog")
    panel.show()
    qtbot.waitExposed(panel)
    plain = panel.passphrase.mapTo(panel, QPoint(0, 0))
    panel.set_folder(tmp_path / "Demo.peerlog", DEMO_HINT)
    qtbot.wait(10)
    panel.layout().activate()
    assert panel.hint.isVisible()
    assert panel.passphrase.mapTo(panel, QPoint(0, 0)) == plain


def test_the_recovery_code_is_never_shown(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RecoveryDialog(tmp_path / "Ours.peerlog")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "my secret passphrase")
    assert dialog.code.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.code.displayText() != "my secret passphrase"


def buttons_without_alt_keys(root: QWidget) -> list[str]:
    """Buttons a keyboard user can only reach with Tab (Cancel and Close have Escape)."""
    return [
        button.text()
        for button in root.findChildren(QAbstractButton)
        if button.text() and "&" not in button.text() and button.text() not in ("Cancel", "Close")
    ]


def test_every_button_of_import_export_users_and_audit_has_an_alt_key(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sheet = tmp_path / "members.csv"
    sheet.write_text("Name\nAlex\n", encoding="utf-8")
    dialogs = [
        ImportDialog(db),
        ExportAllDialog(db),
        UsersDialog(db),
        AuditDialog(db),
        MappingDialog(db, sheet),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert buttons_without_alt_keys(dialog) == [], type(dialog).__name__
        labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
        assert all("&" in label.text() for label in labels), type(dialog).__name__
    importing = dialogs[0]
    assert isinstance(importing, ImportDialog)
    for index in range(importing.pages.count()):  # each page shows alone
        assert mnemonic_clashes(importing.pages.widget(index)) == {}
    for dialog in dialogs[1:]:
        assert mnemonic_clashes(dialog) == {}, type(dialog).__name__
    worker.wait_for_tasks()
