"""Nothing typed is thrown away without asking: Escape, Cancel or the close button on a changed
form ask first (Keep editing is the default), an untouched form closes at once, leaving
Settings with unsaved changes asks to save, discard or stay, quitting keeps them, and the
first-run wizard keeps what was typed when going Back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.services import people, sessions, settings
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import messages
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.settings.settings_dialogs import CustomMeasureDialog
from desktop_app.ui.settings.settings_screen import SettingsScreen
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import unlock
from tests.ui.test_ui_first_run_wizard import open_wizard


def _unlocked(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> Person:
    amara = people.add_person(created.database, Person("Amara Okafor"))
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    return amara


def _person_form(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> PersonDialog:
    amara = _unlocked(qtbot, window, created)
    assert window.workspace is not None
    window.workspace.open_person(amara.id)
    (form,) = window.workspace.open_dialogs()
    assert isinstance(form, PersonDialog)
    return form


def _session_with_an_attendee(qtbot: QtBot, window: MainWindow) -> SessionDialog:
    window.log_session()
    assert window.workspace is not None
    (form,) = window.workspace.open_dialogs()
    assert isinstance(form, SessionDialog)
    qtbot.keyClicks(form.attendees.search_box, "Amara")
    qtbot.keyClick(form.attendees.search_box, Qt.Key.Key_Return)
    return form


def test_escape_on_a_filled_session_asks_and_keeps_it_unless_told_to_discard(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    _unlocked(qtbot, window, created)
    form = _session_with_an_attendee(qtbot, window)

    qtbot.keyClick(form, Qt.Key.Key_Escape)  # the question is answered "Keep editing"
    assert [m.title for m in shown_messages] == ["Discard this new session?"]
    assert form.isVisible() and len(form.attendees.choices()) == 1

    with messages.headless([True]) as asked:
        qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert [m.title for m in asked] == ["Discard this new session?"]
    assert not form.isVisible()
    assert window.db is not None and sessions.list_sessions(window.db).rows == []


def test_an_untouched_form_closes_without_asking(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    amara = _unlocked(qtbot, window, created)
    assert window.workspace is not None
    window.log_session()
    window.workspace.open_person(amara.id)
    for form in window.workspace.open_dialogs():
        form.reject()
    assert window.workspace.open_dialogs() == []
    assert shown_messages == []


@pytest.mark.parametrize("close", ["cancel", "close button"])
def test_cancel_or_closing_a_changed_person_asks(
    close: str,
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    form = _person_form(qtbot, window, created)
    form.notes.setPlainText("Prefers the Tuesday group")
    if close == "cancel":
        (cancel,) = [b for b in form.findChildren(type(form.save_button)) if b.text() == "Cancel"]
        cancel.click()
    else:
        form.close()
    assert [m.title for m in shown_messages] == ["Discard the changes to this person?"]
    assert form.isVisible()


def test_other_forms_with_typed_input_ask_too(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    person = _person_form(qtbot, window, created)
    assert window.workspace is not None and person.record_actions is not None
    person.record_actions.record_measure()
    (outcome,) = [f for f in person.findChildren(OutcomeForm) if f.isVisible()]
    outcome.boxes[0].setValue(3)
    outcome.reject()
    window.workspace.show_section(_section(window, "Settings"))
    screen = window.workspace.screen_at(_section(window, "Settings"))
    assert isinstance(screen, SettingsScreen)
    screen.custom_measures.add_measure()
    (measure,) = [d for d in screen.findChildren(CustomMeasureDialog) if d.isVisible()]
    measure.name.setText("Confidence")
    measure.reject()
    assert [m.title for m in shown_messages] == [
        "Discard this wellbeing form?",
        "Discard the changes to this measure?",
    ]
    assert outcome.isVisible() and measure.isVisible()


def test_the_question_defaults_to_keep_editing_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a real question box: Enter presses "Keep editing", the safe choice."""
    _unlocked(qtbot, window, created)
    form = _session_with_an_attendee(qtbot, window)
    monkeypatch.setattr(messages, "_headless", None)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        default = box.defaultButton()
        seen.extend([box.text(), default.text() if default else ""])
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer)
    form.reject()
    assert seen == [
        "Discard this new session?\n\nWhat you typed or chose in this window will be lost.",
        "&Keep editing",
    ]
    assert form.isVisible()


def test_locking_closes_changed_forms_without_asking(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    _unlocked(qtbot, window, created)
    _session_with_an_attendee(qtbot, window)
    window.lock()
    assert shown_messages == []


def _section(window: MainWindow, title: str) -> int:
    assert window.workspace is not None
    return [s.title for s in window.workspace.sections].index(title)


def _settings_changed(window: MainWindow) -> SettingsScreen:
    assert window.workspace is not None
    window.go_actions[_section(window, "Settings")].trigger()
    screen = window.workspace.screen_at(_section(window, "Settings"))
    assert isinstance(screen, SettingsScreen)
    screen.organisation.setText("Riverside Peer Support")
    return screen


@pytest.mark.parametrize("answer", ["stay", "discard", "save"])
def test_leaving_settings_with_unsaved_changes_asks(
    answer: str,
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
) -> None:
    _unlocked(qtbot, window, created)
    screen = _settings_changed(window)
    assert window.workspace is not None
    with messages.headless([answer]) as asked:
        window.go_actions[_section(window, "Sessions")].trigger()
    assert asked[0].title == "Save your changes to the settings?"
    assert window.db is not None
    stored = settings.organisation_name(window.db)
    if answer == "stay":
        assert window.workspace.current_index == _section(window, "Settings")
        assert window.workspace.pages.currentWidget() is screen
        assert screen.organisation.text() == "Riverside Peer Support"
        assert stored == "Test Group"
    else:
        assert window.workspace.current_index == _section(window, "Sessions")
        assert stored == ("Riverside Peer Support" if answer == "save" else "Test Group")
        assert screen.organisation.text() == stored


def test_quitting_with_unsaved_settings_keeps_them_for_next_time(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    _unlocked(qtbot, window, created)
    _settings_changed(window)
    window.close()
    assert window.db is None
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None and window.db is not None
    screen = window.workspace.pages.currentWidget()
    assert isinstance(screen, SettingsScreen)
    assert screen.organisation.text() == "Riverside Peer Support"
    assert settings.organisation_name(window.db) == "Test Group", "still to be saved"
    screen.save()
    assert settings.organisation_name(window.db) == "Riverside Peer Support"


def test_the_first_run_wizard_keeps_the_folder_going_back_and_asks_before_closing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown_messages: list[messages.Shown]
) -> None:
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.organisation.name, "Riverside Peer Support")
    qtbot.keyClick(wizard.organisation.name, Qt.Key.Key_Return)
    wizard.location.parent_folder.setText(str(tmp_path))
    wizard.back()
    assert wizard.currentPage() is wizard.organisation
    wizard.next()
    assert wizard.location.parent_folder.text() == str(tmp_path)

    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert [m.title for m in shown_messages] == ["Stop setting up the database?"]
    assert wizard.isVisible()
    with messages.headless([True]):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


def test_the_first_run_wizard_closes_at_once_before_anything_is_typed(
    qtbot: QtBot, window: MainWindow, shown_messages: list[messages.Shown]
) -> None:
    wizard = open_wizard(qtbot, window)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and shown_messages == []
