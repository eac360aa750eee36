"""The audit trail: every change is recorded (ids, never contents), the chain detects tampering,
and failed unlocks and restores are recorded at the next unlock."""

from __future__ import annotations

import ast
import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.domain.audit import Action, AuditFilter
from desktop_app.domain.integrity import ProblemKind
from desktop_app.domain.people import Person
from desktop_app.domain.users import User
from desktop_app.services import databases, people, sessions, volunteers
from desktop_app.services.access import current_user_id
from desktop_app.services.protection import audit
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database, passphrase_unlocker
from desktop_app.store.errors import WrongSecret
from desktop_app.store.protection import audit_repo
from tests.conftest import PASSPHRASE
from tests.protection.conftest import Records

SERVICES = Path(__file__).resolve().parents[2] / "desktop_app" / "services"


def entries(db: Database) -> list[tuple[str, str, str]]:
    return [(e.action, e.record_kind, e.record_id) for e in audit_repo.all_entries(db.connection())]


def test_each_service_write_is_recorded_with_the_user_and_record_id(
    db: Database, records: Records
) -> None:
    logged = entries(db)
    assert (Action.CREATE, "person", records.person.id) in logged
    assert (Action.CREATE, "volunteer", records.volunteer.id) in logged
    assert (Action.CREATE, "session", records.session.id) in logged
    assert sum(1 for a, kind, _ in logged if kind == "volunteer hours" and a == "create") == 1
    people.update_person(db, replace(records.person, notes="Changed"))
    sessions.delete_session(db, records.session.id)
    assert entries(db)[-2:] == [
        (Action.CHANGE, "person", records.person.id),
        (Action.DELETE, "session", records.session.id),
    ]
    users = {e.user_id for e in audit_repo.all_entries(db.connection())}
    assert users == {current_user_id(db)} and current_user_id(db)


def test_entries_hold_ids_never_contents(db: Database, records: Records) -> None:
    rows = db.connection().execute("SELECT * FROM audit_log").fetchall()
    text = repr(rows)
    for secret in ("Amara", "Prefers mornings", "BB1", records.person.ref, "Jo Facilitator"):
        assert secret not in text


def test_a_refused_change_records_nothing(db: Database, records: Records) -> None:
    before = entries(db)
    with pytest.raises(ValidationFailed):
        people.add_person(db, Person("Too young", year_of_birth=date.today().year + 1))
    assert entries(db) == before


def test_the_trail_is_append_only(db: Database, records: Records) -> None:
    conn = db.connection()
    with pytest.raises(Exception, match="cannot be changed"):
        conn.execute("UPDATE audit_log SET action = 'nothing' WHERE id = 1")
    with pytest.raises(Exception, match="cannot be changed"):
        conn.execute("DELETE FROM audit_log WHERE id = 1")


def _tamper(db: Database, sql: str) -> None:
    with db.transaction() as conn:
        conn.execute("DROP TRIGGER audit_log_is_append_only_update")
        conn.execute("DROP TRIGGER audit_log_is_append_only_delete")
        conn.execute(sql)


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("UPDATE audit_log SET record_id = 'someone-else' WHERE id = 2", "entry 2 was changed"),
        ("DELETE FROM audit_log WHERE id = 2", "entry 3 does not follow"),
    ],
)
def test_tampering_breaks_the_chain_and_check_says_so(
    db: Database,
    records: Records,
    sql: str,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert audit.chain_problems(db) == []
    _tamper(db, sql)
    assert any(words in p for p in audit.chain_problems(db))
    folder = db.folder
    db.close()
    problems = databases.check_database(folder, passphrase_unlocker(PASSPHRASE))
    assert {p.kind for p in problems} == {ProblemKind.AUDIT_TRAIL}
    assert any(words in p.text for p in problems)
    monkeypatch.setenv("PEERLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "audit trail's chain is broken" in err and words in err


def test_check_passes_an_untouched_trail(
    db: Database, records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = db.folder
    db.close()
    monkeypatch.setenv("PEERLOG_PASSPHRASE", PASSPHRASE)
    assert main(["check", "--db", str(folder)]) == 0


def test_failed_unlocks_are_recorded_at_the_next_unlock(db: Database) -> None:
    folder = db.folder
    db.close()
    for _ in range(2):
        with pytest.raises(WrongSecret):
            databases.open_database(folder, "not the passphrase at all")
    reopened = databases.open_database(folder, PASSPHRASE)
    try:
        assert entries(reopened) == [(Action.FAILED_UNLOCK, "database", "")] * 2
        assert audit.chain_problems(reopened) == []
    finally:
        reopened.close()
    again = databases.open_database(folder, PASSPHRASE)
    assert len(entries(again)) == 2  # recorded once, not at every unlock
    again.close()


def test_backup_restore_and_passphrase_change_are_recorded(db: Database, tmp_path: Path) -> None:
    backup = tmp_path / "one.peerlog-backup"
    databases.backup_database(db, backup)
    databases.change_passphrase(db, PASSPHRASE, "a brand new passphrase for us")
    assert [a for a, _, _ in entries(db)] == [Action.BACKUP, Action.PASSPHRASE_CHANGE]
    folder = db.folder
    db.close()
    unlock = databases.passphrase_unlocker(PASSPHRASE)
    with pytest.raises(WrongSecret, match="coordinators"):
        databases.restore_database(backup, folder, unlock)  # today's passphrase is needed too
    today = databases.passphrase_unlocker("a brand new passphrase for us")
    databases.restore_database(backup, folder, unlock, current_unlock=today)
    restored = databases.open_database(folder, PASSPHRASE)
    try:
        # the backup entry is written once the backup is safely made, so the copy lacks it
        assert [a for a, _, _ in entries(restored)] == [Action.RESTORE]
        assert audit.chain_problems(restored) == []
    finally:
        restored.close()


def test_filter_and_export_csv(db: Database, records: Records, tmp_path: Path) -> None:
    only_people = audit.list_entries(db, AuditFilter(record_kind="person"))
    assert {e.record_id for e in only_people.rows} == {records.person.id, records.other.id}
    mine = audit.list_entries(db, AuditFilter(record_id=records.person.id, actions=("create",)))
    assert mine.total == 1
    assert audit.list_entries(db, AuditFilter(start=date.today())).total == len(entries(db))
    assert audit.list_entries(db, AuditFilter(end=date(2000, 1, 1))).total == 0
    out = tmp_path / "audit.csv"
    written = audit.export_csv(db, out, AuditFilter(record_kind="session"))
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert written == len(rows) == 1
    assert rows[0]["record id"] == records.session.id and rows[0]["user"] == "Coordinator"
    assert entries(db)[-1] == (Action.EXPORT, "audit trail", "")


def test_removed_users_keep_their_name_in_the_trail(db: Database, lead: User) -> None:
    from desktop_app.services.protection import users

    users.remove_user(db, lead.id)
    assert audit.user_names(db)[lead.id] == "Sam Lead"


def test_volunteer_hours_changes_are_recorded(db: Database, records: Records) -> None:
    hours = volunteers.list_hours(db).rows[0]
    volunteers.update_hours(db, replace(hours, minutes=180))
    volunteers.delete_hours(db, hours.id)
    assert entries(db)[-2:] == [
        (Action.CHANGE, "volunteer hours", hours.id),
        (Action.DELETE, "volunteer hours", hours.id),
    ]


def test_services_write_only_through_the_audited_door() -> None:
    """Every write transaction in services goes through access.change (or access.record), so
    nothing is changed without a permission check and an audit entry."""
    allowed = {"access.py", "demo.py"}  # demo data is invented, written in bulk
    offenders = []
    for path in SERVICES.glob("*.py"):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("transaction", "set_setting"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
