"""Imports and exports go through the one door for changes: the current user's role is
checked, and the audit trail says what was done to which records (never their contents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.protection.audit import AuditFilter
from desktop_app.domain.protection.roles import Role
from desktop_app.services import people
from desktop_app.services.access import NotAllowed
from desktop_app.services.databases import open_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import run_import
from desktop_app.services.protection import audit, users
from desktop_app.store.database import Database
from tests.importing.conftest import WriteCsv

LEAD_PASSPHRASE = "lead volunteer walks the dog daily"


def actions(db: Database, kind: str | None = None) -> list[tuple[str, str]]:
    entries = audit.list_entries(db, AuditFilter(record_kind=kind)).rows
    return sorted((e.action, e.record_id) for e in entries)


def test_an_import_records_each_record_added_or_changed_and_the_import(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    ben = people.add_person(db, Person("Ben", ref="P-2"))
    write_csv("people", "ref,known_as", "P-1,Amara", "P-2,Ben T.")
    run_import(db, folder)
    amara = people.find_people(db, "P-1")[0]
    assert actions(db, "person") == sorted(
        [("create", ben.id), ("create", amara.id), ("change", ben.id)]
    )
    entries = audit.list_entries(db).rows  # newest first
    assert entries[0].action == "import"
    assert not any("Amara" in repr(e) for e in entries)


def test_export_all_is_for_coordinators_and_is_recorded(db: Database, tmp_path: Path) -> None:
    export_all(db, tmp_path / "all.xlsx")
    assert ("export", "") in actions(db, "all records")
    users.add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    folder = db.folder
    db.close()
    lead_db = open_database(folder, LEAD_PASSPHRASE)
    try:
        with pytest.raises(NotAllowed, match="cannot export records"):
            export_all(lead_db, tmp_path / "again.xlsx")
        assert not (tmp_path / "PERSONAL DATA - again.xlsx").exists()
    finally:
        lead_db.close()
