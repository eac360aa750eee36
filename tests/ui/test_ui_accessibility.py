"""Every control can be named by a screen reader, and text follows the system font size."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import messages
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.first_run_wizard import FirstRunWizard
from desktop_app.ui.start.recovery_dialog import RecoveryDialog
from tests.ui.conftest import unlock
from tests.ui.widget_checks import mnemonic_clashes, unnamed_controls

UI_SOURCE = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"


def test_the_check_finds_an_unnamed_control(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    named, unnamed = QLineEdit(root), QLineEdit(root)
    named.setAccessibleName("Name")
    unnamed.setObjectName("nameless")
    assert unnamed_controls(root) == ["QLineEdit 'nameless'"]


def test_start_screen_and_dialogs_name_every_control(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    assert unnamed_controls(window) == []
    wizard = FirstRunWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    for page_id in wizard.pageIds():
        assert unnamed_controls(wizard.page(page_id)) == [], wizard.page(page_id).title()
    recovery = RecoveryDialog(created.database.folder, window)
    qtbot.addWidget(recovery)
    recovery.show()
    assert unnamed_controls(recovery) == []


def test_unlocked_window_names_every_control(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None
    for index in range(len(window.workspace.sections)):
        window.workspace.show_section(index)
        assert unnamed_controls(window) == [], window.workspace.sections[index].title


@pytest.mark.parametrize("point_size", [9, 18])
def test_headings_and_layout_follow_the_system_font(qtbot: QtBot, point_size: int) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    font = QFont(original)
    font.setPointSize(point_size)
    app.setFont(font)
    try:
        main = MainWindow()
        qtbot.addWidget(main)
        heading = main.start.unlock_panel.title
        assert heading.font().pointSizeF() > point_size
        chars = main.start.unlock_panel.fontMetrics().averageCharWidth()
        assert main.start.unlock_panel.minimumWidth() == chars * 60
    finally:
        app.setFont(original)


def test_no_fixed_font_sizes_in_the_ui_code() -> None:
    fixed = re.compile(r"font-size:\s*\d|setPointSize(F)?\(\s*\d|setPixelSize\(\s*\d")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(UI_SOURCE.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert offenders == []


def visible_menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions() if action.isVisible()]


def test_the_clash_check_finds_a_clash(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QPushButton("&Save", root)
    QPushButton("&Send", root)
    assert mnemonic_clashes(root) == {"s": ["&Save", "&Send"]}


def test_alt_letters_are_unique_on_every_screen_and_dialog(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    db = created.database
    person = people.add_person(db, Person(known_as="Someone"))
    volunteer = volunteers.add_volunteer(db, Volunteer(name="Helper"))
    logged = sessions.log_session(
        db, Session(held_on=date.today(), kind="group", attendee_ids=(person.id,))
    )
    db.close()
    window.open_folder(db.folder)
    assert mnemonic_clashes(window, visible_menus(window)) == {}, "start screen"
    unlock(qtbot, window, db.folder)
    assert window.workspace is not None
    menus = visible_menus(window)
    for index, section in enumerate(window.workspace.sections):
        window.workspace.show_section(index)
        assert mnemonic_clashes(window, menus) == {}, section.title
    for open_record in (
        lambda: window.workspace.open_session(None),  # type: ignore[union-attr]
        lambda: window.workspace.open_session(logged.session.id),  # type: ignore[union-attr]
        lambda: window.workspace.open_person(None),  # type: ignore[union-attr]
        lambda: window.workspace.open_person(person.id),  # type: ignore[union-attr]
        lambda: window.workspace.open_volunteer(volunteer.id),  # type: ignore[union-attr]
        lambda: window.workspace.record_hours(volunteer.id),  # type: ignore[union-attr]
        lambda: window.workspace.open_concern(None),  # type: ignore[union-attr]
        lambda: window.workspace.raise_concern(logged.session.id),  # type: ignore[union-attr]
    ):
        open_record()
        (dialog,) = window.workspace.open_dialogs()
        assert mnemonic_clashes(dialog) == {}, dialog.windowTitle()
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        with messages.headless([True]):  # "Discard the changes?" (the concern box): yes
            dialog.reject()
        qtbot.waitUntil(lambda: not window.workspace.open_dialogs())  # type: ignore[union-attr]
