"""Records travelling between laptops through the shared folder, end to end: what one laptop
records, edits, deletes or erases arrives on the others, and every laptop ends the same."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.domain.listing import Page, PeopleFilter, PersonRow
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions, sync
from desktop_app.services.protection import erasure
from desktop_app.services.sync import exchange
from desktop_app.store.database import Database
from tests.sync.laptops import Group, records, shared_bytes

DAY = date(2026, 11, 20)


def _person(db: Database, name: str) -> Person:
    return people.add_person(db, Person(name))


def _everyone(db: Database) -> list[PersonRow]:
    return people.list_people(db, PeopleFilter(archived="all"), Page(limit=1000)).rows


def test_what_each_laptop_records_arrives_on_the_other(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    amara = _person(coordinator, "Amara K.")
    ben = _person(lead, "Ben T.")
    sessions.log_session(lead, Session(DAY, "group", attendee_ids=(ben.id,)))
    group.sync_all([coordinator, lead])
    assert records(coordinator) == records(lead)
    assert {p.known_as for p in _everyone(lead)} >= {"Amara K.", "Ben T."}
    assert people.get_person(lead, amara.id).known_as == "Amara K."
    report = sync.sync_now(coordinator, folder=group.folder)
    assert not report.received  # nothing new the second time: nothing applied twice


def test_edits_of_different_fields_on_two_laptops_both_stay(group: Group) -> None:
    coordinator = group.first_laptop()
    amara = _person(coordinator, "Amara K.")
    lead = group.join_from(coordinator, "Lead's laptop")
    people.update_person(coordinator, dataclasses.replace(amara, notes="Prefers evenings"))
    people.update_person(lead, dataclasses.replace(amara, postcode_district="BB1"))
    group.sync_all([coordinator, lead])
    for laptop in (coordinator, lead):
        merged = people.get_person(laptop, amara.id)
        assert (merged.notes, merged.postcode_district) == ("Prefers evenings", "BB1")
    assert sync.conflicts(coordinator) == [] and sync.conflicts(lead) == []


def test_the_same_field_changed_on_two_laptops_is_listed_to_check(group: Group) -> None:
    coordinator = group.first_laptop()
    amara = _person(coordinator, "Amara K.")
    lead = group.join_from(coordinator, "Lead's laptop")
    people.update_person(coordinator, dataclasses.replace(amara, notes="From the coordinator"))
    people.update_person(lead, dataclasses.replace(amara, notes="From the lead"))
    group.sync_all([coordinator, lead])
    kept = people.get_person(coordinator, amara.id).notes
    assert people.get_person(lead, amara.id).notes == kept
    found = sync.conflicts(coordinator) + sync.conflicts(lead)
    assert found, "the same field changed on both laptops must be listed for review"
    conflict = found[0]
    assert {conflict.kept, conflict.other} == {"From the coordinator", "From the lead"}
    owner = coordinator if sync.conflicts(coordinator) else lead
    sync.use_other_value(owner, conflict.id)
    assert sync.conflicts(owner) == []
    group.sync_all([coordinator, lead])
    assert people.get_person(coordinator, amara.id).notes == conflict.other
    assert people.get_person(lead, amara.id).notes == conflict.other


def test_an_erasure_travels_and_leaves_nothing_in_the_shared_folder(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    zed = _person(lead, "Zedekiah Unique-Name")
    sessions.log_session(lead, Session(DAY, "group", attendee_ids=(zed.id,)))
    group.sync_all([coordinator, lead])
    assert any(p.known_as == "Zedekiah Unique-Name" for p in _everyone(coordinator))
    erasure.erase_person(coordinator, zed.id)
    group.sync_all([coordinator, lead])
    for laptop in (coordinator, lead):
        assert all(p.known_as != "Zedekiah Unique-Name" for p in _everyone(laptop))
    assert records(coordinator) == records(lead)
    assert b"Zedekiah" not in shared_bytes(group.folder, coordinator)


def test_a_deletion_beats_an_edit_made_elsewhere(group: Group) -> None:
    coordinator = group.first_laptop()
    amara = _person(coordinator, "Amara K.")
    lead = group.join_from(coordinator, "Lead's laptop")
    people.delete_person(coordinator, amara.id)
    people.update_person(lead, dataclasses.replace(amara, notes="Edited after"))
    group.sync_all([coordinator, lead])
    for laptop in (coordinator, lead):
        assert all(p.id != amara.id for p in _everyone(laptop))


def test_a_batch_removing_many_records_waits_for_a_coordinator(group: Group) -> None:
    coordinator = group.first_laptop()
    everyone = [_person(coordinator, f"Person {i}") for i in range(20)]
    lead = group.join_from(coordinator, "Lead's laptop")
    for person in everyone[:12]:
        people.delete_person(coordinator, person.id)
    sync.sync_now(coordinator, folder=group.folder)
    report = sync.sync_now(lead, folder=group.folder)
    assert [(h.removals, h.records) for h in report.held] == [(12, 20)]
    assert len(_everyone(lead)) == 20  # nothing removed yet
    held = report.held[0]
    sync.confirm_held(lead, held.laptop_id, held.sequence)
    sync.sync_now(lead, folder=group.folder)
    assert len(_everyone(lead)) == 8


def test_changes_from_a_laptop_with_a_wrong_clock_are_refused_plainly(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    ahead = datetime.now(UTC) + timedelta(days=3)
    with coordinator.transaction() as tx:  # the coordinator's clock is three days fast
        tx.execute(
            "INSERT OR REPLACE INTO sync_clock(id, wall_ms, counter, laptop) VALUES (1, ?, 0, '')",
            (int(ahead.timestamp() * 1000),),
        )
    _person(coordinator, "From the future")
    exchange.sync(coordinator, group.folder, now=ahead)
    report = sync.sync_now(lead, folder=group.folder)
    assert any("clock is wrong" in sentence for sentence in report.skipped)
    assert all(p.known_as != "From the future" for p in _everyone(lead))


def test_a_folder_emptied_by_the_sync_service_loses_nothing(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    _person(coordinator, "Amara K.")
    sync.sync_now(coordinator, folder=group.folder)
    for path in sorted(group.folder.rglob("*"), reverse=True):
        if path.is_file():
            path.unlink()
    group.sync_all([coordinator, lead])
    assert records(coordinator) == records(lead)


def test_a_full_disk_sends_nothing_and_the_next_sync_sends_it_all(
    group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from desktop_app.services.sync import mailbox

    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    _person(coordinator, "Amara K.")

    def full(path: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(mailbox, "write_atomically", full)
        with pytest.raises(sync.SyncProblem, match="disk is full"):
            sync.sync_now(coordinator, folder=group.folder)
    group.sync_all([coordinator, lead])
    assert records(coordinator) == records(lead)
