"""The search box of every list (store/conditions.py `add_search`, `contains`): any listed column
may hold the text, runs of spaces count as one, and `%` or `_` typed match only themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.listing import PeopleFilter, SessionFilter, VolunteerFilter
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import Database


def test_sessions_are_found_by_venue_topic_or_notes(db: Database) -> None:
    for day, venue, topics, notes in [
        (1, "Room_1", (), ""),
        (2, "Room21", (), ""),
        (3, "Hall", ("100% effort",), ""),
        (4, "Hall", ("1000 effort",), "Sam said hello"),
    ]:
        session = Session(date(2024, 5, day), "drop_in", venue=venue, anonymous_headcount=1)
        sessions.log_session(db, replace(session, topics=topics, notes=notes))

    def days(text: str) -> list[int]:
        found = sessions.list_sessions(db, SessionFilter(text=text, descending=False))
        return [row.held_on.day for row in found.rows]

    assert days("room_1") == [1]
    assert days("100%") == [3]
    assert days("  said   hello ") == [4]
    assert days("   ") == [1, 2, 3, 4]


def test_people_are_found_by_reference_or_name(db: Database) -> None:
    for known_as, ref in [("Ann_Lee", "A-1"), ("Ann Lee", "A-2"), ("Bo", "50%-OFF")]:
        people.add_person(db, Person(known_as, ref=ref))

    def refs(text: str) -> list[str]:
        return [row.ref for row in people.list_people(db, PeopleFilter(text=text)).rows]

    assert refs("ann_") == ["A-1"]
    assert refs("50%") == ["50%-OFF"]
    assert sorted(refs("a-")) == ["A-1", "A-2"]


def test_volunteers_are_found_by_name_or_reference_in_both_lists(db: Database) -> None:
    for name, ref in [("Kim_Oh", "V-1"), ("Kim Oh", "V-2"), ("Lou", "V_3")]:
        volunteers.add_volunteer(db, Volunteer(name, ref=ref))

    def rows(text: str) -> list[str]:
        found = volunteers.list_volunteer_rows(db, VolunteerFilter(text=text)).rows
        return sorted(row.ref for row in found)

    def picker(text: str) -> list[str]:
        return sorted(summary.ref for summary in volunteers.list_volunteers(db, text))

    for search in (rows, picker):
        assert search("kim_") == ["V-1"]
        assert search("v_") == ["V_3"]
        assert search("  kim   oh ") == ["V-2"]
        assert search("") == ["V-1", "V-2", "V_3"]
