"""The list screens over a real database: filters, sorting, paging, and Qt's model tester."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, dbs_due_on
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.paged_table_model import PagedTableModel
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.people.people_screen import PeopleScreen
from desktop_app.ui.sessions.sessions_screen import SessionsScreen
from desktop_app.ui.volunteers.volunteers_screen import VolunteersScreen
from tests.volunteers_to_chase import add_volunteers_to_chase, days_before

SESSIONS = 450  # more than two pages
NAME, DBS, HOURS, LAST_ACTIVE, TRAINING, STATUS = 1, 2, 3, 4, 5, 6


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
    qtbot.waitUntil(lambda: screen.venue.findData("Hall") > 0)  # the choices come from a worker
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
    assert model.data(model.index(1, STATUS)) == "Left"


def click_header(qtbot: QtBot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))


def cells(model: PagedTableModel, column: int) -> list[str]:  # type: ignore[type-arg]
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_volunteers_show_who_to_chase_and_sort_by_dbs(qtbot: QtBot, db: Database) -> None:
    today = date.today()
    chased = add_volunteers_to_chase(db, today)
    screen = VolunteersScreen(db, NoOpener())
    qtbot.addWidget(screen)
    model = with_tester(screen.model)
    assert cells(model, NAME) == ["Fay Fine", "Nia New", "Olu Overdue", "Sam Soon"]
    olu_due = dbs_due_on(chased.overdue.dbs_checked_on)  # type: ignore[arg-type]
    assert cells(model, DBS) == [
        f"In date until {short_date(dbs_due_on(chased.fine.dbs_checked_on))}",  # type: ignore[arg-type]
        "Not recorded",
        f"Overdue since {short_date(olu_due)}",
        "Due in 3 weeks",
    ]
    assert cells(model, TRAINING) == [
        "In date",
        "None recorded",
        f"Expired {short_date(days_before(today, 30))}: Safeguarding",
        "Expires in 10 days: Safeguarding",
    ]
    assert cells(model, HOURS) == ["1.5", "0", "5.5", "0"]
    assert cells(model, LAST_ACTIVE) == [
        short_date(today),
        "None recorded",
        short_date(today),
        short_date(days_before(today, 200)),
    ]
    bold = [bool(model.data(model.index(row, DBS), Qt.ItemDataRole.FontRole)) for row in range(4)]
    assert bold == [False, False, True, True], "overdue and due soon stand out"

    screen.resize(1300, 400)
    screen.show()
    qtbot.waitExposed(screen)
    click_header(qtbot, screen.table, DBS)
    assert cells(model, NAME) == ["Nia New", "Olu Overdue", "Sam Soon", "Fay Fine"]
    assert screen.sort_by.currentText() == "DBS check"
    screen.table.sortByColumn(DBS, Qt.SortOrder.DescendingOrder)
    assert cells(model, NAME) == ["Fay Fine", "Sam Soon", "Olu Overdue", "Nia New"]

    # From the keyboard: Alt+O to the sort box, H for Hours; fewest hours first.
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert screen.sort_by.hasFocus()
    qtbot.keyClick(screen.sort_by, Qt.Key.Key_H)
    assert screen.sort_by.currentText() == "Hours since 1 April"
    assert cells(model, NAME) == ["Nia New", "Sam Soon", "Fay Fine", "Olu Overdue"]
    assert screen.table.horizontalHeader().sortIndicatorSection() == HOURS

    screen.include_ended.setChecked(True)
    assert cells(model, NAME)[-1] == "Gil Gone", "those who have left come last"
    assert cells(model, STATUS)[-1] == "Left"
    assert not model.data(model.index(4, DBS), Qt.ItemDataRole.FontRole), "no need to chase"


def test_a_venue_that_has_gone_from_the_filter_shows_every_session_again(
    qtbot: QtBot, db: Database
) -> None:
    """The venue's last session moved elsewhere: the choices are counted again (in the
    background) and the list follows the filter back to "Any venue"."""
    came = {"held_on": date.today(), "kind": "group", "anonymous_headcount": 3}
    hall = sessions.log_session(db, Session(**came, venue="Hall"))
    sessions.log_session(db, Session(**came, venue="Library"))
    screen = SessionsScreen(db, NoOpener())
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.venue.findData("Hall") > 0)
    screen.venue.setCurrentIndex(screen.venue.findData("Hall"))
    assert screen.count.text() == "1 session"
    sessions.update_session(db, replace(hall.session, venue="Library"))
    screen.records_changed()
    qtbot.waitUntil(lambda: screen.venue.findData("Hall") < 0)
    assert screen.venue.currentText() == "Any venue"
    assert screen.count.text() == "2 sessions"
