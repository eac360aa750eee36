"""Adding, editing and deleting records travels from one laptop to another, field by field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.services.recently_deleted import put_back, recently_deleted
from tests.sync.engine.laptops import Laptop, dump

DAY = date(2026, 11, 2)


def test_a_new_person_travels_whole_and_an_edit_travels_only_its_fields(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K.", year_of_birth=1990))
    batch = a.send()
    assert [(c.table, c.kind, c.whole) for c in batch.changes] == [("people", "put", True)]
    assert batch.changes[0].subject == amara.id
    applied = b.receive(batch)
    assert applied.added == {"people": 1}
    assert people.get_person(b.db, amara.id).known_as == "Amara K."

    people.update_person(a.db, replace(people.get_person(a.db, amara.id), notes="Likes tea"))
    edit = a.send()
    assert [set(c.fields) - {"updated_at"} for c in edit.changes] == [{"notes"}]
    assert not edit.changes[0].whole
    assert b.receive(edit).updated == {"people": 1}
    assert people.get_person(b.db, amara.id).notes == "Likes tea"
    assert dump(a.db) == dump(b.db)
    assert a.send().changes == ()  # nothing noted while applying on b, nothing left on a
    assert b.send().changes == ()


def test_a_session_with_attendance_travels_and_a_deleted_session_goes(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    logged = sessions.log_session(a.db, Session(DAY, "drop_in", attendee_ids=(amara.id,)))
    applied = b.receive(a.send())
    assert applied.added == {"people": 1, "sessions": 1, "attendance ticks": 1}
    assert sessions.get_session(b.db, logged.session.id).attendee_ids == (amara.id,)

    sessions.delete_session(a.db, logged.session.id)
    batch = a.send()
    # the ticks went with the session: only the session's deletion travels
    assert [(c.table, c.kind) for c in batch.changes] == [("sessions", "delete")]
    assert b.receive(batch).removed == {"sessions": 1}
    assert dump(a.db) == dump(b.db)


def test_concurrent_edits_of_different_fields_both_stay(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    b.receive(a.send())
    people.update_person(a.db, replace(people.get_person(a.db, amara.id), notes="Likes tea"))
    people.update_person(b.db, replace(people.get_person(b.db, amara.id), year_of_birth=1985))
    from_a, from_b = a.send(), b.send()
    assert a.receive(from_b).new_conflicts == 0
    assert b.receive(from_a).new_conflicts == 0
    for laptop in (a, b):
        got = people.get_person(laptop.db, amara.id)
        assert (got.notes, got.year_of_birth) == ("Likes tea", 1985)
    assert dump(a.db, skip=("updated_at",)) == dump(b.db, skip=("updated_at",))


def test_a_put_back_session_comes_back_everywhere(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    logged = sessions.log_session(a.db, Session(DAY, "drop_in", attendee_ids=(amara.id,)))
    b.receive(a.send())
    sessions.delete_session(a.db, logged.session.id)
    b.receive(a.send())
    assert dump(b.db)["sessions"] == []
    put_back(a.db, recently_deleted(a.db)[0].id)
    applied = b.receive(a.send())
    assert applied.added == {"sessions": 1, "attendance ticks": 1}
    assert sessions.get_session(b.db, logged.session.id).attendee_ids == (amara.id,)
    assert dump(a.db) == dump(b.db)
