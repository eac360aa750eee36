"""The shared folder as a mailbox: what each laptop writes there, that it is sealed, and how
a sync treats what sync services and people leave behind (conflicted copies, half-copied files,
a newer PeerLog's files, a folder that is not there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.sync.changes import FORMAT_VERSION
from desktop_app.domain.sync.report import SyncProblem
from desktop_app.services import databases, people, sync
from desktop_app.services.sync import exchange, local_state
from desktop_app.store.database import passphrase_unlocker
from desktop_app.store.sync import sealed_files
from desktop_app.store.sync.sealed_files import Unreadable
from tests.conftest import PASSPHRASE
from tests.sync.laptops import Group


def _own_folder(folder: Path, db: object) -> Path:
    from desktop_app.store.database import Database

    assert isinstance(db, Database)
    state = local_state.load(db.connection())
    assert state is not None
    return folder / (db.setting("database_id") or "") / state.laptop_id


def test_a_sync_leaves_only_sealed_files_named_by_database_laptop_and_sequence(
    group: Group,
) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    report = sync.sync_now(coordinator, folder=folder)
    assert report.sent == 0  # what it holds is where every laptop starts; its audit travels
    own = _own_folder(folder, coordinator)
    names = sorted(p.name for p in own.iterdir())
    assert names == ["0000000001.peerlog-changes", "state.peerlog-state"]
    assert (folder / "About this folder (PeerLog).txt").read_text().startswith("This folder")
    for path in own.iterdir():
        data = path.read_bytes()
        assert data.startswith(b"PEERLOG-SEALED 1\n")
        assert b"Coordinator" not in data and b"Group" not in data
        header = sealed_files.read_header(data)
        assert set(header) <= {
            "what",
            "database_id",
            "laptop",
            "sequence",
            "format_version",
            "nonce",
        }


def test_a_file_cut_short_or_changed_does_not_open(group: Group) -> None:
    key = b"k" * 32
    sealed = sealed_files.seal(key, {"what": "changes"}, b'{"a": 1}')
    assert sealed_files.open_sealed(key, sealed)[1] == b'{"a": 1}'
    for broken in (sealed[:-1], sealed[:20], sealed.replace(b"changes", b"changed"), b""):
        with pytest.raises(Unreadable):
            sealed_files.open_sealed(key, broken)
    with pytest.raises(Unreadable):
        sealed_files.open_sealed(b"x" * 32, sealed)


def test_a_copy_joining_from_a_backup_gets_its_own_identity(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    sync.sync_now(coordinator, folder=folder)
    lead = group.join_from(coordinator, "Lead's laptop")
    sync.sync_now(lead, folder=folder)
    first = local_state.load(coordinator.connection())
    second = local_state.load(lead.connection())
    assert first is not None and second is not None
    assert first.laptop_id != second.laptop_id
    # the copy starts from what its original had sent
    assert second.applied[first.laptop_id] == first.own_sequence
    # and the original keeps its identity on its next sync
    sync.sync_now(coordinator, folder=folder)
    assert local_state.load(coordinator.connection()).laptop_id == first.laptop_id  # type: ignore[union-attr]


def test_a_restored_older_copy_of_a_laptop_becomes_a_new_laptop(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    sync.sync_now(coordinator, folder=folder)
    before = local_state.load(coordinator.connection())
    backup = group.tmp / "older.peerlog-backup"
    coordinator.backup_to(backup)
    sync.set_laptop_name(coordinator, "Coordinator's laptop")  # an audit entry to send
    sync.sync_now(coordinator, folder=folder)
    path = group.close(coordinator)
    databases.restore_database(backup, path, passphrase_unlocker(PASSPHRASE))
    restored = group.reopen(path)
    sync.sync_now(restored, folder=folder)
    after = local_state.load(restored.connection())
    assert before is not None and after is not None
    assert after.laptop_id != before.laptop_id


def test_conflicted_copies_and_half_copied_files_are_skipped_and_named(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    lead = group.join_from(coordinator, "Lead's laptop")
    people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator, folder=folder)
    own = _own_folder(folder, coordinator)
    first = own / "0000000002.peerlog-changes"
    (own / "0000000002 (Lead's conflicted copy 2026-12-01).peerlog-changes").write_bytes(
        first.read_bytes()
    )
    whole = first.read_bytes()
    first.write_bytes(whole[: len(whole) // 2])  # still being copied by the sync service
    report = sync.sync_now(lead, folder=folder)
    assert any("conflicted copy" in s for s in report.skipped)
    assert any("not complete yet" in s for s in report.skipped)
    state, sender = local_state.load(lead.connection()), local_state.load(coordinator.connection())
    assert state is not None and sender is not None
    assert state.applied.get(sender.laptop_id, 0) == 1
    first.write_bytes(whole)  # the sync service finishes
    report = sync.sync_now(lead, folder=folder)
    assert not any("not complete yet" in s for s in report.skipped)
    assert [dict(r.added) for r in report.received] == [{"people": 1}]


def test_files_from_a_newer_peerlog_are_refused_and_nothing_is_applied(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    lead = group.join_from(coordinator, "Lead's laptop")
    before = local_state.load(lead.connection())
    own = _own_folder(folder, coordinator)
    newer = sealed_files.seal(
        coordinator.purpose_key(exchange.KEY_PURPOSE),
        {
            "what": "changes",
            "database_id": coordinator.setting("database_id"),
            "laptop": own.name,
            "format_version": FORMAT_VERSION + 1,
            "sequence": 2,
        },
        json.dumps({"anything": "new"}).encode(),
    )
    (own / "0000000002.peerlog-changes").write_bytes(newer)
    with pytest.raises(SyncProblem, match="Update PeerLog on this laptop"):
        sync.sync_now(lead, folder=folder)
    assert local_state.load(lead.connection()) == before


def test_a_missing_folder_or_none_chosen_says_what_to_do(group: Group) -> None:
    coordinator = group.first_laptop()
    with pytest.raises(SyncProblem, match="chooses the shared folder in Settings"):
        sync.sync_now(coordinator)
    with pytest.raises(SyncProblem, match="plug it in"):
        sync.sync_now(coordinator, folder=group.tmp / "USB stick")
    with pytest.raises(SyncProblem, match="outside the database"):
        sync.set_share_folder(coordinator, coordinator.folder)
    sync.set_share_folder(coordinator, group.folder)
    assert sync.share_folder(coordinator) == group.folder.resolve()


def test_status_names_each_laptop_and_how_far_behind_it_is(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    lead = group.join_from(coordinator, "Lead's laptop")
    sync.sync_now(lead, folder=folder)
    people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator, folder=folder)
    status = sync.status(coordinator, folder)
    names = {(s.laptop_name, s.this_laptop) for s in status.laptops}
    assert names == {("Coordinator's laptop", True), ("Lead's laptop", False)}
    lead_status = next(s for s in status.laptops if not s.this_laptop)
    assert lead_status.behind == 1 and lead_status.silent_days == 0
    sync.sync_now(lead, folder=folder)
    lead_status = next(s for s in sync.status(coordinator, folder).laptops if not s.this_laptop)
    assert lead_status.behind == 0


def test_every_laptops_audit_trail_arrives_and_is_checked(group: Group) -> None:
    coordinator = group.first_laptop()
    folder = group.folder
    lead = group.join_from(coordinator, "Lead's laptop")
    sync.sync_now(lead, folder=folder)
    sync.sync_now(coordinator, folder=folder)
    rows = coordinator.connection().execute("SELECT count(*) FROM sync_received_audit").fetchone()
    assert rows[0] >= 1
    path = group.close(coordinator)
    assert databases.check_database(path, passphrase_unlocker(PASSPHRASE)) == []
    # an entry changed after it arrived is found
    db = group.reopen(path)
    with db.transaction() as tx:
        tx.execute("UPDATE sync_received_audit SET action = 'nothing happened'")
    group.close(db)
    problems = databases.check_database(path, passphrase_unlocker(PASSPHRASE))
    assert any("changed after it was written" in p.text for p in problems)


def test_files_every_laptop_has_are_tidied_away_after_three_weeks(group: Group) -> None:
    from datetime import UTC, datetime, timedelta

    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    people.add_person(coordinator, Person("Amara K."))
    group.sync_all([coordinator, lead])
    own = _own_folder(group.folder, coordinator)
    assert [p.name for p in own.glob("*.peerlog-changes")], "kept while recent"
    later = datetime.now(UTC) + timedelta(days=22)
    exchange.sync(coordinator, group.folder, now=later)
    assert not list(own.glob("*.peerlog-changes"))
    assert coordinator.connection().execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == 0
    # a laptop that joins from a backup older than what was tidied away is told plainly
    late = group.join_from(lead, "Late laptop")
    with late.transaction() as tx:
        tx.execute("UPDATE settings SET value = '{}' WHERE key = 'sync_applied'")
    report = sync.sync_now(late, folder=group.folder)
    assert any("Join again from a newer backup" in s for s in report.skipped)


def test_a_copy_made_before_sharing_began_is_refused_plainly(group: Group) -> None:
    coordinator = group.first_laptop()
    early = group.tmp / "early.peerlog-backup"
    coordinator.backup_to(early)  # before the coordinator shares
    people.add_person(coordinator, Person("Amara K."))
    sync.sync_now(coordinator, folder=group.folder)
    target = group.tmp / "early" / "Group.peerlog"
    databases.restore_database(early, target, passphrase_unlocker(PASSPHRASE))
    copy = group.reopen(target)
    with pytest.raises(SyncProblem, match="made before it started sharing"):
        sync.sync_now(copy, folder=group.folder)
    assert local_state.load(copy.connection()) is None


def test_a_stray_empty_file_in_a_laptops_own_folder_does_not_make_it_a_copy(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    before = local_state.load(coordinator.connection())
    assert before is not None
    own = _own_folder(group.folder, coordinator)
    (own / "0000000099.peerlog-changes").write_bytes(b"")  # a sync service's placeholder
    sync.sync_now(coordinator, folder=group.folder)
    after = local_state.load(coordinator.connection())
    assert after is not None and after.laptop_id == before.laptop_id
    assert [s.laptop_name for s in sync.status(lead, group.folder).laptops].count(
        "Coordinator's laptop"
    ) == 1


def test_a_folder_given_for_one_sync_is_checked_like_a_chosen_one(group: Group) -> None:
    coordinator = group.first_laptop()
    with pytest.raises(SyncProblem, match="outside the database"):
        sync.sync_now(coordinator, folder=coordinator.folder)
    assert not list(coordinator.folder.glob("*/*.peerlog-changes"))
