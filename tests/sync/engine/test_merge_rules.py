"""The merge rules, each through real databases exchanging batches (see domain/sync and
store/sync/apply.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.people import Consent, Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.sync.changes import Change, ChangeBatch
from desktop_app.services import people, sessions
from desktop_app.services.protection.consent import withdraw_consent
from desktop_app.services.protection.erasure import erase_person
from desktop_app.store.sync.apply import removals
from desktop_app.store.sync.conflicts import conflicts, resolve_conflict
from desktop_app.store.sync.history import erased_subjects
from tests.sync.engine.laptops import Laptop, dump

DAY = date(2026, 11, 2)
SKIP = ("updated_at",)


def _attended(*person_ids: str, day: date = DAY) -> Session:
    """A drop-in with these people and one more who came without a record."""
    return Session(day, "drop_in", attendee_ids=person_ids, anonymous_headcount=1)


def _shared_session(a: Laptop, b: Laptop) -> tuple[Person, str]:
    """Amara, and a session she came to, made on `a` and sent to `b`."""
    amara = people.add_person(a.db, Person("Amara K."))
    logged = sessions.log_session(a.db, _attended(amara.id))
    b.receive(a.send())
    return amara, logged.session.id


def _notes(laptop: Laptop, person_id: str, notes: str) -> None:
    got = people.get_person(laptop.db, person_id)
    people.update_person(laptop.db, replace(got, notes=notes))


def _shared_person(a: Laptop, b: Laptop, name: str = "Amara K.") -> str:
    person = people.add_person(a.db, Person(name))
    b.receive(a.send())
    return person.id


def test_the_same_field_on_two_laptops_is_a_conflict_the_later_kept(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = _shared_person(a, b)
    _notes(a, amara, "From a")
    _notes(b, amara, "From b")
    from_a = a.send()
    b.now += 1000  # b's edit is stamped later
    from_b = b.send()
    assert b.receive(from_a).new_conflicts == 1
    assert a.receive(from_b).new_conflicts == 1
    for laptop in (a, b):
        assert people.get_person(laptop.db, amara).notes == "From b"
        (found,) = conflicts(laptop.conn())
        assert (found.table, found.key, found.field) == ("people", amara, "notes")
        assert (found.kept, found.kept_laptop, found.other, found.other_laptop) == (
            "From b",
            "b",
            "From a",
            "a",
        )
        assert found.subject == amara
    # the same batch again finds nothing new
    assert b.receive(from_a).new_conflicts == 0
    assert dump(a.db, SKIP) == dump(b.db, SKIP)


def test_using_the_other_value_travels_and_keeping_it_changes_nothing(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = _shared_person(a, b)
    _notes(a, amara, "From a")
    _notes(b, amara, "From b")
    b.receive(a.send())  # b's own edit, not sent yet, is kept (it will be the later)
    (found,) = conflicts(b.conn())
    assert (found.kept, found.other, found.other_laptop) == ("From b", "From a", "a")
    a.receive(b.send())  # b had seen a's edit: no conflict on a
    assert conflicts(a.conn()) == []
    assert people.get_person(a.db, amara).notes == "From b"
    with b.db.transaction() as conn:
        resolve_conflict(conn, found.id, use_other=True)
    assert people.get_person(b.db, amara).notes == "From a"
    assert a.receive(b.send()).new_conflicts == 0
    assert people.get_person(a.db, amara).notes == "From a"
    assert conflicts(b.conn()) == []

    _notes(a, amara, "Again from a")
    _notes(b, amara, "Again from b")
    b.receive(a.send())
    with b.db.transaction() as conn:
        resolve_conflict(conn, conflicts(conn)[0].id, use_other=False)
    assert conflicts(b.conn()) == []
    assert people.get_person(b.db, amara).notes == "Again from b"
    a.receive(b.send())
    assert dump(a.db, SKIP) == dump(b.db, SKIP)


def test_an_edit_after_seeing_the_other_is_no_conflict(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = _shared_person(a, b)
    _notes(a, amara, "First")
    b.receive(a.send())
    _notes(b, amara, "Second")
    assert a.receive(b.send()).new_conflicts == 0
    assert people.get_person(a.db, amara).notes == "Second"


def test_equal_values_are_no_conflict(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = _shared_person(a, b)
    _notes(a, amara, "Same")
    _notes(b, amara, "Same")
    from_a = a.send()
    assert b.receive(from_a).new_conflicts == 0
    assert a.receive(b.send()).new_conflicts == 0


def test_a_deletion_beats_an_edit_whatever_the_clocks(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    _amara, session_id = _shared_session(a, b)
    sessions.delete_session(a.db, session_id)
    session = sessions.get_session(b.db, session_id)
    sessions.update_session(b.db, replace(session, notes="Edited on b"))
    deleting = a.send()
    b.now += 10_000  # the edit is later by the clock
    editing = b.send()
    a.receive(editing)
    b.receive(deleting)
    assert dump(a.db)["sessions"] == dump(b.db)["sessions"] == []


def test_attendance_ticks_the_later_of_tick_and_untick_wins(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    ben = people.add_person(a.db, Person("Ben T."))
    logged = sessions.log_session(a.db, _attended(amara.id))
    b.receive(a.send())
    session = sessions.get_session(a.db, logged.session.id)
    sessions.update_session(a.db, replace(session, attendee_ids=(ben.id,)))  # untick, tick
    batch = a.send()
    assert sorted((c.table, c.kind) for c in batch.changes) == [
        ("attendances", "delete"),
        ("attendances", "put"),
    ]
    b.receive(batch)
    assert sessions.get_session(b.db, logged.session.id).attendee_ids == (ben.id,)
    # b unticks ben; a, later, ticks amara again: each tick is its own record
    sessions.update_session(b.db, replace(session, attendee_ids=()))
    unticked = b.send()
    a.now += 10_000
    sessions.update_session(a.db, replace(session, attendee_ids=(ben.id, amara.id)))
    ticked = a.send()
    a.receive(unticked)
    b.receive(ticked)
    for laptop in (a, b):
        assert sessions.get_session(laptop.db, logged.session.id).attendee_ids == (amara.id,)
    # an untick and a later tick of the same person: ticked
    sessions.update_session(b.db, replace(session, attendee_ids=()))
    unticked = b.send()
    a.receive(unticked)
    sessions.update_session(a.db, replace(session, attendee_ids=(amara.id,)))
    b.receive(a.send())
    for laptop in (a, b):
        assert sessions.get_session(laptop.db, logged.session.id).attendee_ids == (amara.id,)
    assert dump(a.db, SKIP) == dump(b.db, SKIP)


def test_a_withdrawal_of_consent_stands(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    agreed = Consent(DAY, "written", keep_data=True, be_contacted=True, share_story=True)
    amara = people.add_person(a.db, Person("Amara K.", consent=agreed))
    b.receive(a.send())
    withdraw_consent(a.db, amara.id, "share_story", DAY)
    withdrawing = a.send()
    b.now += 10_000
    # b corrects the consent record later, not knowing of the withdrawal
    got = people.get_person(b.db, amara.id)
    assert got.consent is not None
    people.update_person(b.db, replace(got, consent=replace(got.consent, method="verbal")))
    correcting = b.send()
    a.receive(correcting)
    b.receive(withdrawing)
    for laptop in (a, b):
        consent = people.get_person(laptop.db, amara.id).consent
        assert consent is not None
        assert consent.share_story_withdrawn_on == DAY


def test_a_withdrawal_is_not_undone_by_an_empty_value(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    agreed = Consent(DAY, "written", keep_data=True, be_contacted=False, share_story=True)
    amara = people.add_person(a.db, Person("Amara K.", consent=agreed))
    b.receive(a.send())
    consent = people.get_person(a.db, amara.id).consent
    assert consent is not None
    withdraw_consent(a.db, amara.id, "share_story", DAY)
    withdrawing = a.send()
    # b's later change carries the empty withdrawal (as an older PeerLog might)
    b.now += 10_000
    empty = Change(
        "consents",
        consent.id,
        f"{b.now:015d}.000000.b",
        "put",
        {"share_story_withdrawn_on": None},
        subject=amara.id,
    )
    b.receive(withdrawing)
    a.receive(ChangeBatch("database", "b", "b", 1, "", {"b": 1}, (empty,)))
    for laptop in (a, b):
        consent = people.get_person(laptop.db, amara.id).consent
        assert consent is not None and consent.share_story_withdrawn_on == DAY


def test_one_reference_given_out_on_two_laptops_is_shared_out_the_same_everywhere(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    on_a = people.add_person(a.db, Person("Amara K."))
    on_b = people.add_person(b.db, Person("Ben T."))
    assert on_a.ref == on_b.ref == "P-0001"
    from_a, from_b = a.send(), b.send()
    a.receive(from_b)
    b.receive(from_a)
    a.receive(b.send())  # each sends the reference it changed
    b.receive(a.send())
    keeps, gives = sorted((on_a.id, on_b.id))
    for laptop in (a, b):
        assert people.get_person(laptop.db, keeps).ref == "P-0001"
        assert people.get_person(laptop.db, gives).ref == f"P-0001-{gives[:8]}"
    assert dump(a.db, SKIP) == dump(b.db, SKIP)


def test_an_erasure_travels_as_one_change_and_leaves_nothing(
    trio: tuple[Laptop, Laptop, Laptop],
) -> None:
    a, b, c = trio
    agreed = Consent(DAY, "written", keep_data=True, be_contacted=True, share_story=True)
    amara = people.add_person(a.db, Person("Amara K.", consent=agreed))
    logged = sessions.log_session(a.db, _attended(amara.id))
    first = a.send()
    b.receive(first)
    c.receive(first)
    _notes(c, amara.id, "Edited on c")  # c has not heard of the erasure yet
    _notes(b, amara.id, "Edited on b")
    b.receive(c.send())  # a conflict on b, about amara
    assert conflicts(b.conn())
    erase_person(a.db, amara.id)
    erasing = a.send()
    assert [(ch.table, ch.kind) for ch in erasing.changes if ch.table == "people"] == [
        ("people", "erase")
    ]
    assert all(ch.kind != "delete" for ch in erasing.changes)
    assert removals(b.conn(), erasing) == (1, 4)  # amara, the session, her tick and consent
    assert b.receive(erasing).removed == {"people": 1}
    later = c.send()
    b.receive(later)
    a.receive(later)
    c.receive(erasing)
    a.receive(b.send())
    c.receive(b.send())
    for laptop in (a, b, c):
        conn = laptop.conn()
        assert erased_subjects(conn) == {amara.id}
        assert dump(laptop.db)["people"] == []
        assert sessions.get_session(laptop.db, logged.session.id).anonymous_headcount == 2
        assert conflicts(conn) == []
        for table in ("sync_pending", "sync_versions", "sync_tombstones", "sync_conflicts"):
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert amara.id not in repr(rows), table
    assert dump(a.db, SKIP) == dump(b.db, SKIP) == dump(c.db, SKIP)


def test_an_attendance_the_eraser_had_not_seen_is_counted_once(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    monday = sessions.log_session(a.db, _attended(amara.id))
    tuesday = sessions.log_session(a.db, _attended(day=date(2026, 11, 3)))
    b.receive(a.send())
    tuesday_b = sessions.get_session(b.db, tuesday.session.id)
    sessions.update_session(b.db, replace(tuesday_b, attendee_ids=(amara.id,)))
    erase_person(a.db, amara.id)
    b.receive(a.send())  # b counts its own tick of tuesday, and sends that
    a.receive(b.send())
    for laptop in (a, b):
        monday_count = sessions.get_session(laptop.db, monday.session.id).anonymous_headcount
        tuesday_count = sessions.get_session(laptop.db, tuesday.session.id).anonymous_headcount
        assert (monday_count, tuesday_count) == (2, 2)
    assert dump(a.db, SKIP) == dump(b.db, SKIP)


def test_applying_a_batch_twice_changes_nothing(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    sessions.log_session(a.db, _attended(amara.id))
    batch = a.send()
    b.receive(batch)
    before = dump(b.db)
    again = b.receive(batch)
    assert (again.added, again.updated, again.removed) == ({}, {}, {})
    assert dump(b.db) == before
    assert b.send().changes == ()


def test_a_record_whose_parent_is_missing_is_skipped_and_said(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara = people.add_person(a.db, Person("Amara K."))
    sessions.log_session(a.db, _attended(amara.id))
    batch = a.send()
    without_people = replace(batch, changes=tuple(c for c in batch.changes if c.table != "people"))
    applied = b.receive(without_people)
    assert applied.added == {"sessions": 1}
    assert len(applied.skipped) == 1 and "attendance ticks" in applied.skipped[0]


def test_batches_out_of_order_but_causal_end_the_same(
    trio: tuple[Laptop, Laptop, Laptop],
) -> None:
    a, b, c = trio
    amara = people.add_person(a.db, Person("Amara K."))
    one = a.send()
    b.receive(one)
    _notes(b, amara.id, "b's note")
    two = b.send()
    ben = people.add_person(a.db, Person("Ben T."))
    three = a.send()
    # c gets a's two batches first, then b's (which had seen only a's first)
    c.receive(one)
    c.receive(three)
    c.receive(two)
    a.receive(two)
    b.receive(three)
    assert people.get_person(c.db, ben.id).known_as == "Ben T."
    assert dump(a.db, SKIP) == dump(b.db, SKIP) == dump(c.db, SKIP)


def test_a_value_this_database_refuses_is_skipped_and_said(pair: tuple[Laptop, Laptop]) -> None:
    a, b = pair
    amara, session_id = _shared_session(a, b)
    bad = Change("sessions", session_id, f"{a.now + 5:015d}.000000.a", "put", {"minutes": 0})
    good = Change("people", amara.id, f"{a.now + 6:015d}.000000.a", "put", {"notes": "Fine"})
    applied = b.receive(ChangeBatch("database", "a", "a", 2, "", {"a": 2}, (bad, good)))
    assert len(applied.skipped) == 1 and "sessions" in applied.skipped[0]
    assert sessions.get_session(b.db, session_id).minutes == 90
    assert people.get_person(b.db, amara.id).notes == "Fine"


def test_unticked_and_ticked_again_before_sending_travels_as_ticked(
    pair: tuple[Laptop, Laptop],
) -> None:
    a, b = pair
    amara, session_id = _shared_session(a, b)
    session = sessions.get_session(a.db, session_id)
    sessions.update_session(a.db, replace(session, attendee_ids=()))
    sessions.update_session(a.db, replace(session, attendee_ids=(amara.id,)))
    batch = a.send()
    assert [(c.table, c.kind, c.whole) for c in batch.changes] == [("attendances", "put", True)]
    b.receive(batch)
    assert sessions.get_session(b.db, session_id).attendee_ids == (amara.id,)
