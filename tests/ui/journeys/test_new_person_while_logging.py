"""Someone new comes to a drop-in: typed into the session as it is logged, then found on the
People screen (search, Down, Enter) to add what they shared later."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.people import Person as PersonRecord
from desktop_app.services import people, sessions
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.common import messages
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from tests.conftest import PASSPHRASE
from tests.ui.journeys.driver import Person
from tests.ui.test_ui_journeys_corrections import section_key


@pytest.fixture
def with_a_regular(created: CreatedDatabase) -> Path:
    people.add_person(created.database, PersonRecord(known_as="Aisha Rahman"))
    created.database.close()
    return created.database.folder


def test_a_new_person_added_while_logging(person: Person, with_a_regular: Path) -> None:
    db = person.unlock(with_a_regular, PASSPHRASE)
    person.ctrl(Qt.Key.Key_N)
    log = person.dialog(SessionDialog)
    person.alt("a")  # Attendees
    person.type("Aisha")
    person.enter()
    person.type("Zara Quinn")  # nobody matches: added as a new person
    person.enter()
    assert log.attendees.new_names() == ["Zara Quinn"]
    with messages.headless([True]) as asked:  # nobody facilitated: "Save without a facilitator"
        person.save()
        person.closed(log)
    assert [m.title for m in asked] == ["Save with no facilitator?"]

    person.ctrl(section_key("People"))
    person.alt("s")  # Search
    person.type("Zara")
    assert person.window.workspace is not None
    screen = person.window.workspace.screen_at(2)
    person.wait_for(lambda: screen.model.total == 1)  # type: ignore[attr-defined]
    person.press(Qt.Key.Key_Down)  # into the results
    person.enter()  # open the record
    record = person.dialog(PersonDialog)
    assert record.known_as.text() == "Zara Quinn"
    person.alt("p")  # Postcode district
    person.type("LS6")
    person.save()
    person.closed(record)

    (zara,) = people.find_people(db, "Zara Quinn")
    assert people.get_person(db, zara.id).postcode_district == "LS6"
    (row,) = sessions.list_sessions(db).rows
    detail = sessions.session_detail(db, row.id)
    assert sorted(p.known_as for p in detail.attendees) == ["Aisha Rahman", "Zara Quinn"]
    assert people.list_people(db).total == 2
