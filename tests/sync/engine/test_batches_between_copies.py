"""Adding, editing and deleting records travels from one laptop to another, field by field."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.services.demo import builder
from desktop_app.services.protection.erasure import erase_person
from desktop_app.services.recently_deleted import put_back, recently_deleted
from desktop_app.services.settings import organisation_name, set_organisation_name
from desktop_app.store.sync.capture import forget_pending
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


def test_a_whole_demo_organisation_travels_to_an_empty_laptop(
    pair: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind of record (volunteers, hours, referrals and feedback, outcomes, case
    studies...) made on one laptop arrives whole on another."""
    a, b = pair
    monkeypatch.setattr(builder, "baseline", contextlib.nullcontext)  # noted, to travel
    builder.fill_demo_database(a.db, "small", 1, None, date(2026, 11, 30))
    batch = a.send()
    kinds = {c.table for c in batch.changes}
    assert {"volunteers", "volunteer_hours", "referrals", "referral_feedback"} <= kinds
    assert {"outcome_records", "case_studies", "session_facilitators", "consents"} <= kinds
    applied = b.receive(batch)
    assert applied.skipped == []
    assert dump(a.db) == dump(b.db)
    assert b.send().changes == ()

    # erasing someone with referrals and feedback leaves nothing of them on either laptop
    conn = a.conn()
    person = conn.execute(
        "SELECT p.uuid FROM people p JOIN referrals r ON r.person_id = p.id "
        "JOIN referral_feedback f ON f.referral_id = r.id "
        "JOIN attendances t ON t.person_id = p.id LIMIT 1"
    ).fetchone()[0]
    erase_person(a.db, person)
    erasing = a.send()
    assert [c.kind for c in erasing.changes if c.subject == person] == ["erase"]
    b.receive(erasing)
    assert dump(a.db) == dump(b.db)
    for laptop in (a, b):
        for table in ("sync_pending", "sync_versions", "sync_tombstones"):
            rows = laptop.conn().execute(f"SELECT * FROM {table}").fetchall()
            assert person not in repr(rows)


def test_the_organisations_name_travels(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    set_organisation_name(a.db, "Riverside Peer Support")
    a.db.set_setting("backup_folder", "/media/usb")  # this laptop's own: stays
    applied = b.receive(a.send())
    assert applied.updated == {"settings": 1}
    assert organisation_name(b.db) == "Riverside Peer Support"
    assert b.db.setting("backup_folder") is None


def test_a_copy_becoming_a_new_laptop_sends_nothing_of_the_old_ones(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, _b = pair
    people.add_person(a.db, Person("Amara K."))
    with a.db.transaction() as conn:
        forget_pending(conn)
    assert a.send().changes == ()
