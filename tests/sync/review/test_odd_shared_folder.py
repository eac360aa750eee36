"""Odd things in the shared folder: each must give a plain SyncProblem (or be skipped), never a
traceback, and never stop laptops from catching up."""

from __future__ import annotations

import contextlib
import json

from desktop_app.domain.people import Person
from desktop_app.domain.sync.report import SyncProblem
from desktop_app.services import people, sync
from desktop_app.services.sync.exchange import KEY_PURPOSE
from desktop_app.store.sync import sealed_files
from tests.sync.laptops import Group, records
from tests.sync.review.helpers import own_folder


def _plain_or_ok(db: object, group: Group) -> None:
    """A sync that either works or says plainly why not: anything else is a crash."""
    from desktop_app.store.database import Database

    assert isinstance(db, Database)
    with contextlib.suppress(SyncProblem):
        sync.sync_now(db, folder=group.folder)


def test_a_file_where_the_database_folder_should_be_is_a_plain_message(group: Group) -> None:
    coordinator = group.first_laptop()
    # a sync service or a person left a file named like the database's folder
    (group.folder / (coordinator.setting("database_id") or "")).write_bytes(b"")
    _plain_or_ok(coordinator, group)


def test_a_folder_where_the_state_file_should_be_is_a_plain_message(group: Group) -> None:
    coordinator = group.first_laptop()
    sync.sync_now(coordinator, folder=group.folder)
    state = own_folder(group.folder, coordinator) / "state.peerlog-state"
    state.unlink()
    state.mkdir()
    _plain_or_ok(coordinator, group)


def test_a_damaged_header_in_another_laptops_file_is_skipped(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator, folder=group.folder)
    own = own_folder(group.folder, coordinator)
    path = sorted(own.glob("*.peerlog-changes"))[-1]
    good = path.read_bytes()
    # a header that is JSON but not what PeerLog wrote (damaged by a sync service, or hostile)
    path.write_bytes(sealed_files.MAGIC + json.dumps({"format_version": None}).encode() + b"\n")
    _plain_or_ok(lead, group)
    path.write_bytes(good)
    sync.sync_now(lead, folder=group.folder)
    assert records(lead) == records(coordinator)


def test_a_laptops_own_change_file_damaged_in_the_folder_is_written_again(group: Group) -> None:
    """A sync service that leaves an empty file (a placeholder, a failed upload) where a
    laptop's change file was: the laptop still has the batch in its outbox, so its next sync
    must put it back, or the other laptops wait for it for ever."""
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator, folder=group.folder)
    own = own_folder(group.folder, coordinator)
    path = sorted(own.glob("*.peerlog-changes"))[-1]
    path.write_bytes(b"")
    for _ in range(2):
        sync.sync_now(coordinator, folder=group.folder)
        sync.sync_now(lead, folder=group.folder)
    key = coordinator.purpose_key(KEY_PURPOSE)
    sealed_files.open_sealed(key, path.read_bytes())  # whole again
    assert records(lead) == records(coordinator)
