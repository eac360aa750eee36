"""The weekly group, logged the week after: "Same people as last time" (Alt+L) brings the eight
regulars back; one is away and one newcomer comes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.people import Person as PersonRecord
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.sessions.session_dialog import SessionDialog
from tests.conftest import PASSPHRASE
from tests.ui.journeys.driver import Person
from tests.ui.test_ui_log_session import REGULARS  # the same eight

LAST_WEEK = date.today() - timedelta(days=7)


@pytest.fixture
def last_week(created: CreatedDatabase) -> Path:
    """Eight regulars and Robin, who ran last week's group at the Community Hall."""
    db = created.database
    ids = [people.add_person(db, PersonRecord(known_as=name)).id for name in REGULARS]
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin Ashworth"))
    sessions.log_session(
        db,
        Session(
            held_on=LAST_WEEK,
            kind="group",
            venue="Community Hall",
            minutes=120,
            facilitator_ids=(robin.id,),
            attendee_ids=tuple(ids),
        ),
    )
    db.close()
    return db.folder


def test_a_weekly_group_of_eight_from_last_time(person: Person, last_week: Path) -> None:
    db = person.unlock(last_week, PASSPHRASE)
    person.ctrl(Qt.Key.Key_N)
    log = person.dialog(SessionDialog)
    assert log.venue.currentText() == "Community Hall"
    person.alt("l")  # Same people as last time
    person.wait_for(lambda: len(log.attendees.choices()) == len(REGULARS))

    # Gwen is away this week: Tab from the attendees box to the list, select her, Delete.
    chosen = log.attendees.chosen
    person.alt("a")
    person.press(Qt.Key.Key_Tab)
    assert person.focused() is chosen
    row = next(i for i in range(chosen.count()) if chosen.item(i).text().startswith("Gwen"))
    for _ in range(row):
        person.press(Qt.Key.Key_Down)
    assert chosen.currentItem().text().startswith("Gwen")
    person.press(Qt.Key.Key_Delete)
    person.alt("a")  # Attendees: a newcomer
    person.type("Iris Newcomer")
    person.enter()
    person.save()
    person.closed(log)

    this_week = [r for r in sessions.list_sessions(db).rows if r.held_on == date.today()]
    assert len(this_week) == 1
    detail = sessions.session_detail(db, this_week[0].id)
    came = sorted(p.known_as for p in detail.attendees)
    assert came == sorted([*(n for n in REGULARS if n != "Gwen Harris"), "Iris Newcomer"])
    assert detail.session.venue == "Community Hall"
    assert detail.session.minutes == 120
    assert [v.name for v in detail.facilitators] == ["Robin Ashworth"]
    assert sessions.list_sessions(db).total == 2
