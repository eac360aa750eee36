"""The list screens over a real database: filters, sorting, paging, and Qt's model tester."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.paged_table_model import PagedTableModel
from desktop_app.ui.people_screen import PeopleScreen
from desktop_app.ui.sessions_screen import SessionsScreen
from desktop_app.ui.volunteers_screen import VolunteersScreen

SESSIONS = 450  # more than two pages


class NoOpener:
    """The screens' window, for tests that open no records."""

    def __init__(self) -> None:
        self.opened: list[tuple[str, str | None]] = []

    def open_session(self, session_id: str | None) -> None:
        self.opened.append(("session", session_id))

    def open_person(self, person_id: str | None) -> None:
        self.opened.append(("person", person_id))

    def open_volunteer(self, volunteer_id: str | None) -> None:
        self.opened.append(("volunteer", volunteer_id))

    def record_hours(self, volunteer_id: str | None) -> None:
        self.opened.append(("hours", volunteer_id))


@pytest.fixture
def busy_db(db: Database) -> Database:
    person = people.add_person(db, Person(known_as="Ada Lovelace", ref="ADA-1"))
    people.add_person(db, Person(known_as="Grace Hopper"))
    gone = people.add_person(db, Person(known_as="Archie Ved"))
    people.archive_person(db, gone.id)
    volunteers.add_volunteer(db, Volunteer(name="Robin"))
    volunteers.add_volunteer(db, Volunteer(name="Sam", ended_on=date.today() - timedelta(days=1)))
    today = date.today()
    for number in range(SESSIONS):
        sessions.log_session(
            db,
            Session(
                held_on=today - timedelta(days=number),
                kind="drop_in" if number % 3 else "group",
                venue="Library" if number % 2 else "Hall",
                attendee_ids=(person.id,),
                anonymous_headcount=number % 5,
            ),
        )
    return db


def with_tester(model: PagedTableModel) -> PagedTableModel:  # type: ignore[type-arg]
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def test_sessions_page_filter_and_sort(qtbot: QtBot, busy_db: Database) -> None:
    opener = NoOpener()
    screen = SessionsScreen(busy_db, opener)
    qtbot.addWidget(screen)
    model = screen.model
    assert screen.count.text() == f"{SESSIONS} sessions"
    assert model.rowCount() == PagedTableModel.PAGE_SIZE, "one page at first"
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == SESSIONS
    with_tester(model)

    screen.kind.set_code("group")
    assert screen.count.text() == f"{len(range(0, SESSIONS, 3))} sessions"
    screen.venue.setCurrentIndex(screen.venue.findData("Hall"))
    assert all(row.venue == "Hall" and row.kind == "group" for row in model.rows)
    screen.start.set_value(date.today() - timedelta(days=6))
    assert [row.held_on for row in model.rows] == [date.today() - timedelta(days=n) for n in (0, 6)]
    screen.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row.held_on for row in model.rows] == [date.today() - timedelta(days=n) for n in (6, 0)]
    screen.table.selectRow(0)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opener.opened == [("session", model.rows[0].id)]


def test_sessions_search_waits_for_a_pause_in_typing(qtbot: QtBot, busy_db: Database) -> None:
    screen = SessionsScreen(busy_db, NoOpener())
    qtbot.addWidget(screen)
    with_tester(screen.model)
    qtbot.keyClicks(screen.search, "librar")
    qtbot.waitUntil(lambda: screen.count.text() == f"{SESSIONS // 2} sessions")


def test_people_search_and_archived_filter(qtbot: QtBot, busy_db: Database) -> None:
    screen = PeopleScreen(busy_db, NoOpener())
    qtbot.addWidget(screen)
    model = with_tester(screen.model)
    assert [row.known_as for row in model.rows] == ["Ada Lovelace", "Grace Hopper"]
    screen.archived.setCurrentIndex(2)
    assert screen.count.text() == "3 people"
    screen.search.setText("ada-")
    qtbot.waitUntil(lambda: screen.count.text() == "1 person")
    assert model.rows[0].ref == "ADA-1"
    screen.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert model.sort_order is not None and model.sort_order.descending


def test_volunteers_current_and_left(qtbot: QtBot, busy_db: Database) -> None:
    screen = VolunteersScreen(busy_db, NoOpener())
    qtbot.addWidget(screen)
    model = with_tester(screen.model)
    assert [row.name for row in model.rows] == ["Robin"]
    screen.include_ended.setChecked(True)
    assert [row.name for row in model.rows] == ["Robin", "Sam"]
    assert model.data(model.index(1, 2)) == "Left"
