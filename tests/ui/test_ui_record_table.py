"""The list table's keys: Enter opens the row; Delete deletes nothing in a list and is not
eaten by the table, so it reaches the screen (a record is deleted from its form, which asks)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.store.database import Database
from desktop_app.ui.people.people_screen import PeopleScreen
from tests.ui.test_ui_list_screens import NoOpener


class KeysSeen(QObject):
    """Records the keys that reach the widget it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.keys.append(event.key())
        return False


def test_delete_on_a_row_goes_on_to_the_screen_and_deletes_nothing(
    qtbot: QtBot, db: Database
) -> None:
    person = people.add_person(db, Person(known_as="Ada Lovelace"))
    opener = NoOpener()
    screen = PeopleScreen(db, opener)
    qtbot.addWidget(screen)
    seen = KeysSeen()
    screen.installEventFilter(seen)
    screen.table.selectRow(0)
    assert screen.table.current_row() is not None

    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert seen.keys == [Qt.Key.Key_Delete]
    assert opener.opened == []
    assert [p.id for p in people.list_people(db).rows] == [person.id]

    qtbot.keyClick(screen.table, Qt.Key.Key_Return)  # Enter is still the table's own
    assert opener.opened == [("person", person.id)]
    assert seen.keys == [Qt.Key.Key_Delete]
