"""What travels is described once (store/sync/tables.py) and covers the whole schema; an older
database upgrades with its records as the baseline (nothing pending) and triggers working."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.services import people, settings
from desktop_app.services.databases import create_database, open_database
from desktop_app.store import migrations
from desktop_app.store.database import Database
from desktop_app.store.sync.capture import take_pending
from desktop_app.store.sync.tables import STAYS, TABLES
from tests.conftest import PASSPHRASE


def test_every_table_either_travels_or_stays(db: Database) -> None:
    conn = db.connection()
    schema = {
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    travelling = {t.name for t in TABLES}
    assert travelling & STAYS == set()
    # A new table: add one line to TABLES (or its name to STAYS) in store/sync/tables.py
    assert schema - travelling - STAYS == set()
    assert travelling - schema == set()


def test_unique_columns_are_described(db: Database) -> None:
    """A UNIQUE column clashes when two laptops each give out the same value: each must be
    shared out by a rule (the table's `unique`), or be the identity itself."""
    conn = db.connection()
    for table in TABLES:
        found = set()
        for index in conn.execute(f"PRAGMA index_list({table.name})").fetchall():
            if index[2] and index[3] != "pk":
                columns = [str(r[2]) for r in conn.execute(f"PRAGMA index_info({index[1]})")]
                found.add(tuple(columns))
        described = {(c,) for c in table.unique} | {table.key}
        assert found <= described, table.name


def test_only_the_organisations_settings_travel(db: Database) -> None:
    settings.set_organisation_name(db, "Riverside Peer Support")
    db.set_setting("backup_folder", "/media/usb")
    db.set_setting("sync_folder", "/home/jo/OneDrive")
    with db.transaction() as conn:
        changes = take_pending(conn, "a", 1, 1_790_000_000_000)
    assert {(c.table, c.key) for c in changes} == {("settings", "organisation_name")}


@pytest.fixture
def old_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database made by PeerLog of schema 12, with records."""
    with monkeypatch.context() as patch:
        before = tuple(m for m in migrations.MIGRATIONS if m.version <= 12)
        patch.setattr(migrations, "MIGRATIONS", before)
        patch.setattr(migrations, "LATEST_VERSION", 12)
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        for name in ("Amara K.", "Ben T."):
            people.add_person(old, Person(name))
        old.close()
    return old.folder


def test_an_older_database_upgrades_with_nothing_pending(old_database: Path) -> None:
    db = open_database(old_database, PASSPHRASE)
    try:
        conn = db.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 14
        for table in ("sync_pending", "sync_versions", "sync_tombstones", "sync_conflicts"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        amara = next(p for p in people.list_people(db).rows if p.known_as == "Amara K.")
        person = people.get_person(db, amara.id)
        people.update_person(db, replace(person, notes="After the upgrade"))
        with db.transaction() as tx:
            changes = take_pending(tx, "a", 1, 1_790_000_000_000)
        assert [(c.key, c.kind, c.fields["notes"]) for c in changes] == [
            (amara.id, "put", "After the upgrade")
        ]
        # only the field changed has a version: the rest is the baseline
        fields = {str(r[0]) for r in conn.execute("SELECT field FROM sync_versions")}
        assert "notes" in fields and "known_as" not in fields
    finally:
        db.close()


def test_a_demo_database_is_all_baseline(tmp_path: Path) -> None:
    from desktop_app.services.demo.builder import create_demo_database

    db = create_demo_database(tmp_path / "Demo", "small").database
    try:
        conn = db.connection()
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] > 0
        pending = conn.execute("SELECT tbl FROM sync_pending").fetchall()
        assert {str(r[0]) for r in pending} <= {"settings"}  # its name, set as it was made
    finally:
        db.close()
