"""Users and roles: enforced in the services, and a removed user's passphrase stops working."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.people import Person
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission, Role
from desktop_app.domain.protection.users import User
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.services.access import NotAllowed, allowed, current_user
from desktop_app.services.databases import InvalidInput, open_database, open_with_recovery_code
from desktop_app.services.protection import audit, erasure, retention, users
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import WrongSecret
from desktop_app.store.protection import audit_repo
from tests.conftest import PASSPHRASE
from tests.protection.conftest import LEAD_PASSPHRASE


def test_a_lead_opens_with_their_own_passphrase_and_logs_records(
    lead_db: Database, lead: User
) -> None:
    assert current_user(lead_db).id == lead.id
    assert current_user(lead_db).role is Role.LEAD
    person = people.add_person(lead_db, Person("New Person"))
    sessions.log_session(lead_db, Session(date(2025, 1, 6), "group", attendee_ids=(person.id,)))
    last = list(audit_repo.all_entries(lead_db.connection()))[-1]
    assert last.user_id == lead.id and last.action == Action.CREATE


def test_a_lead_is_refused_coordinator_work_in_the_services(
    lead_db: Database, tmp_path: Path
) -> None:
    person = people.add_person(lead_db, Person("Someone"))
    entries_before = lead_db.connection().execute("SELECT COUNT(*) FROM audit_log").fetchone()
    refused = [
        lambda: erasure.erase_person(lead_db, person.id),
        lambda: erasure.anonymise_people(lead_db, [person.id]),
        lambda: users.add_user(lead_db, "Other", Role.LEAD, "another long passphrase here"),
        lambda: retention.set_retention_years(lead_db, 3),
        lambda: audit.list_entries(lead_db),
        lambda: audit.export_csv(lead_db, tmp_path / "a.csv"),
    ]
    for attempt in refused:
        with pytest.raises(NotAllowed, match="peer support lead cannot"):
            attempt()
    assert people.get_person(lead_db, person.id).known_as == "Someone"
    assert not (tmp_path / "a.csv").exists()
    assert retention.retention_years(lead_db) == 6
    after = lead_db.connection().execute("SELECT COUNT(*) FROM audit_log").fetchone()
    assert after == entries_before
    assert allowed(lead_db, Permission.LOG_RECORDS)
    assert not allowed(lead_db, Permission.EXPORT_RETURNS)


def test_removing_a_user_stops_their_passphrase(db: Database, lead: User) -> None:
    assert [u.name for u in users.list_users(db)] == ["Coordinator", "Sam Lead"]
    users.remove_user(db, lead.id)
    assert [u.name for u in users.list_users(db)] == ["Coordinator"]
    removed = users.list_users(db, include_removed=True)
    assert [u.removed_at is not None for u in removed] == [False, True]
    folder = db.folder
    db.close()
    with pytest.raises(WrongSecret):
        open_database(folder, LEAD_PASSPHRASE)
    reopened = open_database(folder, PASSPHRASE)
    actions = [(e.action, e.record_id) for e in audit_repo.all_entries(reopened.connection())]
    reopened.close()
    assert (Action.USER_REMOVED, lead.id) in actions
    assert (Action.FAILED_UNLOCK, "") in actions


def test_the_last_coordinator_cannot_be_removed(created: CreatedDatabase, lead: User) -> None:
    db = created.database
    me = current_user(db)
    second = users.add_user(db, "Second Coordinator", Role.COORDINATOR, "second long passphrase")
    with pytest.raises(InvalidInput, match="cannot remove yourself"):
        users.remove_user(db, me.id)
    users.remove_user(db, second.id)
    folder = db.folder
    db.close()
    # the recovery code acts as a coordinator, and still may not remove the only one
    rescued = open_with_recovery_code(folder, created.recovery_code)
    try:
        with pytest.raises(InvalidInput, match="Coordinator is the only coordinator"):
            users.remove_user(rescued, me.id)
        users.remove_user(rescued, lead.id)
        assert [u.name for u in users.list_users(rescued)] == ["Coordinator"]
    finally:
        rescued.close()


def test_user_names_and_passphrases_are_checked(db: Database) -> None:
    with pytest.raises(Exception, match="name is missing"):
        users.add_user(db, "  ", Role.LEAD, "a perfectly long passphrase")
    with pytest.raises(InvalidInput, match="passphrase cannot be used"):
        users.add_user(db, "Short", Role.LEAD, "short")
    assert len(users.list_users(db)) == 1


def test_cli_users_list_add_remove(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(db.folder)
    db.close()
    monkeypatch.setenv("PEERLOG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PEERLOG_NEW_PASSPHRASE", LEAD_PASSPHRASE)
    assert main(["users", "add", "--db", folder, "--name", "Kim", "--role", "lead"]) == 0
    assert "Added Kim as peer support lead" in capsys.readouterr().out
    assert main(["users", "list", "--db", folder]) == 0
    listing = capsys.readouterr().out
    assert "Peer support lead" in listing and "not by the encryption" in listing
    kim = next(line.split()[0] for line in listing.splitlines() if line.endswith("Kim"))
    monkeypatch.setenv("PEERLOG_PASSPHRASE", LEAD_PASSPHRASE)
    assert main(["users", "remove", "--db", folder, "--user", kim]) == 1
    assert "peer support lead cannot add and remove users" in capsys.readouterr().err
    monkeypatch.setenv("PEERLOG_PASSPHRASE", PASSPHRASE)
    assert main(["users", "remove", "--db", folder, "--user", kim]) == 0
    monkeypatch.setenv("PEERLOG_PASSPHRASE", LEAD_PASSPHRASE)
    assert main(["users", "list", "--db", folder]) == 1
    assert "passphrase is not right" in capsys.readouterr().err


def test_a_removed_user_cannot_restore_an_old_backup_to_get_back_in(
    db: Database, tmp_path: Path
) -> None:
    """A backup carries the key slots of its day: restoring it must need a coordinator of the
    database it replaces, or a removed user could bring back their own passphrase."""
    from desktop_app.services import databases

    sam = users.add_user(db, "Sam Removed", Role.LEAD, "sam's own passphrase")
    backup = tmp_path / "before.peerlog-backup"
    databases.backup_database(db, backup)
    users.remove_user(db, sam.id)
    folder = db.folder
    db.close()
    as_sam = databases.passphrase_unlocker("sam's own passphrase")
    with pytest.raises(WrongSecret, match="coordinators"):
        databases.restore_database(backup, folder, as_sam)
    with pytest.raises(WrongSecret):
        databases.open_database(folder, "sam's own passphrase")
