"""Settings, custom measures: a coordinator corrects, deletes, stops and offers again the
organisation's own measures with the buttons (and their Alt letters) on the Settings screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.services import outcomes, people
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import messages
from desktop_app.ui.outcomes.custom_measures_panel import DELETE, OFFER, STOP, STOPPED
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.settings.settings_dialogs import CustomMeasureDialog
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.test_ui_settings import open_settings


def press_alt(qtbot: QtBot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)


def test_coordinator_corrects_deletes_and_stops_custom_measures(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, shown_messages: list
) -> None:
    db = created.database
    scored = outcomes.add_custom_measure(db, "Confidnce", ["I can ask for help"], 1, 5, True, 1)
    outcomes.add_custom_measure(db, "Added by mistake", ["Oops"], 1, 5, True, 1)
    person = people.add_person(db, Person("Amara K.")).id
    outcomes.record_outcome(db, person, scored.code, Stage.BASELINE, date(2025, 1, 6), [3])
    screen = open_settings(qtbot, window, created)
    db = window.db
    assert db is not None
    panel = screen.custom_measures
    listed = [panel.list.item(row).text() for row in range(panel.list.count())]
    assert listed == ["Added by mistake", "Confidnce"], "only custom measures, never PeerLog's own"

    # Delete the unused one: the button says Delete, and asks first.
    panel.list.setCurrentRow(0)
    assert panel.remove_button.text() == DELETE
    with messages.headless([False]):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 2, "cancelled: nothing deleted"
    with messages.headless([True]) as asked:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert asked[0].title == "Delete this measure?"
    assert [m.name for m in outcomes.measures(db) if m.custom] == ["Confidnce"]

    # The scored one can only be stopped; from the keyboard: Alt+C to the list, Alt+T.
    window.activateWindow()
    screen.organisation.setFocus()
    press_alt(qtbot, Qt.Key.Key_C)
    assert QApplication.focusWidget() is panel.list
    assert panel.chosen_code() == scored.code and panel.remove_button.text() == STOP
    with messages.headless([True]) as asked:
        press_alt(qtbot, Qt.Key.Key_T)
        qtbot.waitUntil(lambda: bool(asked))
    assert asked[0].title == "Stop offering this measure?"
    assert "1 score has been recorded with “Confidnce”, so it cannot be deleted" in asked[0].text
    assert panel.list.item(0).text() == "Confidnce" + STOPPED
    assert panel.remove_button.text() == OFFER
    assert scored.code not in {m.code for m in outcomes.offered_measures(db)}
    new_form = OutcomeForm(db, person)
    qtbot.addWidget(new_form)
    assert new_form.measure_box.findData(scored.code) == -1, "not offered on a new form"
    press_alt(qtbot, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: panel.remove_button.text() == STOP)
    assert scored.code in {m.code for m in outcomes.offered_measures(db)}

    # Edit… (Alt+I): the scoring is locked with the reason shown; the name can be corrected.
    press_alt(qtbot, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: screen.findChild(CustomMeasureDialog) is not None)
    dialog = screen.findChild(CustomMeasureDialog)
    assert dialog.windowTitle() == "Change a custom measure"
    assert dialog.scoring_fixed.isVisible() and not dialog.item_max.isEnabled()
    assert "1 score has been recorded with this measure" in dialog.scoring_fixed.text()
    dialog.name.setText("Confidence")
    dialog.items.setPlainText("I can ask for help\nA new question")
    dialog.save()
    assert "changing how it is scored would change what they mean" in dialog.errors.shown()[""]
    dialog.items.setPlainText("I can ask for help when I need it")
    dialog.save()
    qtbot.waitUntil(lambda: panel.list.item(0).text() == "Confidence")
    changed = outcomes.measure(db, scored.code)
    assert changed.items[0].label == "I can ask for help when I need it"
