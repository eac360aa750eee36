"""Home as a busy person reads it, on a real database: what needs attention in groups (safeguarding
first, then what falls due first), counted, three lines a group until "Show all", each line
opening its record; and the last twelve months charted with the figures a return counts."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.safeguarding import Concern
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import TrainingRecord, Volunteer
from desktop_app.services import home, people, safeguarding, sessions, volunteers
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.home.home_screen import MONTHS_TAB, HomeScreen
from desktop_app.ui.home.month_charts import MonthCharts
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.ui.conftest import unlock

TODAY = date.today()


def home_of(qtbot: QtBot, window: MainWindow) -> HomeScreen:
    assert window.workspace is not None
    screen = window.workspace.findChild(HomeScreen)
    assert screen is not None
    qtbot.waitUntil(lambda: not screen.checking, timeout=10_000)  # slow checks: a worker
    return screen


def press_enter_on(qtbot: QtBot, screen: HomeScreen, text: str) -> None:
    line = screen.attention.find_line(text)
    assert line is not None, text
    screen.attention.setCurrentItem(line)
    screen.attention.setFocus()
    qtbot.keyClick(screen.attention, Qt.Key.Key_Return)


def fill_attention(db: Database) -> list[str]:
    """Six DBS checks due (names in the order they fall due), training running out, an open
    safeguarding concern, and two people with no consent recorded."""
    due_first = []
    for n, years_ago in enumerate([6, 4, 5, 3.9, 3.95, 3.97]):  # renewed every 3 years
        name = f"Volunteer {n}"
        checked = TODAY - timedelta(days=round(365.25 * years_ago))
        volunteers.add_volunteer(db, Volunteer(name, dbs_checked_on=checked))
        due_first.append((checked, name))
    volunteers.add_volunteer(
        db,
        Volunteer(
            "Trainer",
            training=(
                TrainingRecord(
                    "First aid", TODAY.replace(year=TODAY.year - 2), TODAY + timedelta(days=30)
                ),
            ),
        ),
    )
    amara = people.add_person(db, Person("Amara K."))
    people.add_person(db, Person("Ben T."))
    logged = sessions.log_session(
        db, Session(TODAY - timedelta(days=1), "drop_in", venue="Hall", attendee_ids=(amara.id,))
    )
    safeguarding.raise_concern(
        db,
        Concern(
            TODAY - timedelta(days=1),
            "self_neglect",
            what_happened="Call on Monday",
            person_id=amara.id,
            session_id=logged.session.id,
        ),
    )
    return [name for _, name in sorted(due_first)]


def test_needs_attention_in_groups_counted_and_opening_records(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    db = created.database
    dbs_order = fill_attention(db)
    db.close()
    unlock(qtbot, window, db.folder)
    screen = home_of(qtbot, window)
    lines = screen.attention.lines()
    assert [heading.text(0) for heading in screen.attention.headings] == [
        "Safeguarding concerns not yet resolved (1)",
        "DBS checks due (6)",
        "Training running out (1)",
        "No consent recorded (2)",
    ]
    assert screen.tabs.tabText(0) == "Needs &attention (10)"
    dbs = lines.index("DBS checks due (6)")
    assert [line.split(":")[0] for line in lines[dbs + 1 : dbs + 4]] == dbs_order[:3]
    assert lines[dbs + 4] == "Show all 6"
    assert screen.attention.currentItem().text(0).startswith("Self-neglect, Amara K.")  # first

    press_enter_on(qtbot, screen, "Show all 6")
    qtbot.waitUntil(lambda: "Show fewer" in screen.attention.lines())
    lines = screen.attention.lines()
    assert [line.split(":")[0] for line in lines[dbs + 1 : dbs + 7]] == dbs_order
    assert lines[dbs + 7] == "Show fewer"
    fourth = screen.attention.currentItem()
    assert fourth is not None
    fourth_line = fourth.text(0)
    assert fourth_line.startswith(f"{dbs_order[3]}: renewal "), "the cursor on the first new"
    screen.refresh()  # as after any save: all still shown, the cursor where it was
    qtbot.waitUntil(lambda: not screen.checking, timeout=10_000)
    assert screen.attention.lines() == lines
    assert screen.attention.currentItem().text(0) == fourth_line

    qtbot.keyClick(screen.attention, Qt.Key.Key_Return)  # opens that volunteer's record
    assert window.workspace is not None
    (record,) = window.workspace.open_dialogs()
    assert isinstance(record, VolunteerDialog) and record.name.text() == dbs_order[3]
    record.reject()

    press_enter_on(qtbot, screen, "Show fewer")
    qtbot.waitUntil(lambda: "Show all 6" in screen.attention.lines())
    concern = next(line for line in screen.attention.lines() if line.startswith("Self-neglect"))
    press_enter_on(qtbot, screen, concern)
    (record,) = window.workspace.open_dialogs()
    assert isinstance(record, ConcernDialog)
    assert record.what_happened.toPlainText() == "Call on Monday"
    record.reject()


def test_the_charts_show_the_figures_a_return_counts(qtbot: QtBot, db: Database) -> None:
    ana, bo = (people.add_person(db, Person(name)).id for name in ("Ana", "Bo"))
    this_month = TODAY.replace(day=1)
    last_year = (this_month - timedelta(days=300)).replace(day=3)
    for held_on, attendees, headcount in [
        (this_month, (ana, bo), 2),
        (this_month, (ana,), 0),
        (last_year, (), 7),
        (this_month - timedelta(days=400), (bo,), 0),  # before the twelve months
    ]:
        sessions.log_session(
            db, Session(held_on, "drop_in", attendee_ids=attendees, anonymous_headcount=headcount)
        )
    screen = HomeScreen(db, window_less_opener())
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitExposed(screen)
    screen.tabs.setCurrentIndex(MONTHS_TAB)
    charts: MonthCharts = screen.charts
    months = home.last_twelve_months(db)
    assert charts.values(0) == [m.sessions for m in months]
    assert charts.values(1) == [m.attendances for m in months]
    assert charts.values(2) == [m.people for m in months]
    assert charts.values(0)[-1] == 2 and charts.values(1)[-1] == 5 and charts.values(2)[-1] == 2
    assert sum(charts.values(1)) == 12, "the session before the twelve months is not counted"
    month = f"{this_month:%B %Y}"
    assert charts.views[1].accessibleDescription().endswith(f"{month}: 5")
    assert f"{last_year:%B %Y}: 7" in charts.views[1].accessibleDescription()
    said = charts.choice.button(1).accessibleDescription()
    assert said == charts.views[1].accessibleDescription(), "read out from the button too"

    assert charts.stack.currentWidget() is charts.views[0]
    charts.choice.button(2).click()
    assert charts.stack.currentWidget() is charts.views[2]
    charts.table_box.setFocus()
    qtbot.keyClick(charts.table_box, Qt.Key.Key_Space)
    assert charts.stack.currentWidget() is charts.table
    last = charts.table.rowCount() - 1
    row = [charts.table.item(last, column).text() for column in range(4)]
    assert row == [month, "2", "5", "2"]


class window_less_opener:  # noqa: N801 (stands in for the workspace)
    def open_session(self, session_id: str | None) -> None: ...
    def open_person(self, person_id: str | None) -> None: ...
    def open_volunteer(self, volunteer_id: str | None) -> None: ...
    def open_referral(self, referral_id: str | None) -> None: ...
    def record_hours(self, volunteer_id: str | None) -> None: ...
