"""Record keys (for cell key perturbation of returns): every person and volunteer gets one,
however they are added; it never changes and never leaves the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, sessions, volunteers
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import run_import
from desktop_app.services.protection import subject_access
from desktop_app.store import migrations
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE
from tests.returns.return_readback import all_text


def keys(db: Database, table: str) -> dict[str, int | None]:
    rows = db.connection().execute(f"SELECT uuid, record_key FROM {table}").fetchall()
    return dict(rows)


def test_every_way_of_adding_a_record_gives_it_a_key(db: Database, tmp_path: Path) -> None:
    added = [people.add_person(db, Person(f"Person {n}")) for n in range(40)]
    volunteer = volunteers.add_volunteer(db, Volunteer("Vol One"))
    logged = sessions.log_session(
        db,
        Session(date(2024, 5, 1), "group", "in_person", minutes=60),
        new_people=[Person("Quick Added")],
    )
    person_keys = keys(db, "people")
    assert len(person_keys) == 41 and logged.session.attendee_ids[0] in person_keys
    assert all(isinstance(k, int) and 0 <= k <= 255 for k in person_keys.values())
    assert len(set(person_keys.values())) > 10  # random, not one value for all
    key = keys(db, "volunteers")[volunteer.id]
    assert key is not None and 0 <= key <= 255
    # Imported records get their own keys too (nothing in the file could carry one).
    archive = export_all(db, tmp_path / "archive.xlsx")
    other = create_database(tmp_path / "Other", "Other Group", PASSPHRASE).database
    try:
        assert run_import(other, archive).ok
        imported = keys(other, "people")
        assert len(imported) == 41
        assert all(k is not None and 0 <= k <= 255 for k in imported.values())
        assert all(k is not None and 0 <= k <= 255 for k in keys(other, "volunteers").values())
    finally:
        other.close()
    # A change to the person keeps the key.
    before = person_keys[added[0].id]
    people.update_person(db, replace(people.get_person(db, added[0].id), known_as="Renamed"))
    assert keys(db, "people")[added[0].id] == before


def test_a_key_never_changes_and_no_record_goes_without_one(db: Database) -> None:
    person = people.add_person(db, Person("Amara"))
    with pytest.raises(Exception, match="a record key never changes"), db.transaction() as conn:
        conn.execute("UPDATE people SET record_key = record_key + 1 WHERE uuid = ?", (person.id,))
    with pytest.raises(Exception, match="needs a record key"), db.transaction() as conn:
        conn.execute(
            "INSERT INTO volunteers(uuid, ref, name, created_at, updated_at) "
            "VALUES ('v-x', 'V-X', 'No Key', '2024-01-01', '2024-01-01')"
        )


def test_keys_are_never_exported(db: Database, tmp_path: Path) -> None:
    person = people.add_person(db, Person("Amara", notes="Likes mornings"))
    volunteers.add_volunteer(db, Volunteer("Vol One"))
    archive = export_all(db, tmp_path / "archive.xlsx")
    folder = export_all(db, tmp_path / "csv", format="csv")
    texts = [all_text(archive), *(all_text(p) for p in sorted(folder.iterdir()))]
    assert not any("record_key" in t.casefold() or "record key" in t.casefold() for t in texts)
    collected = repr(subject_access.collect(db, person.id))
    assert "record_key" not in collected and "Likes mornings" in collected


def test_an_older_database_gives_existing_records_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])
        patch.setattr(migrations, "LATEST_VERSION", 6)
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        with old.transaction() as conn:  # as the code of schema 6 wrote them, without keys
            for n in range(30):
                conn.execute(
                    "INSERT INTO people(uuid, ref, known_as, gender, ethnic_group, disability, "
                    "referral_source, created_at, updated_at) VALUES (?, ?, ?, 'woman', "
                    "'not_stated', 'not_stated', 'self', '2024-01-01', '2024-01-01')",
                    (f"p-{n}", f"P-{n:04d}", f"Before {n}"),
                )
            conn.execute(
                "INSERT INTO volunteers(uuid, ref, name, created_at, updated_at) "
                "VALUES ('v-1', 'V-0001', 'Old Volunteer', '2024-01-01', '2024-01-01')"
            )
        columns = [r[1] for r in old.connection().execute("PRAGMA table_info(people)")]
        assert "record_key" not in columns
        folder = old.folder
        old.close()
    db = open_database(folder, PASSPHRASE)
    try:
        assert (
            db.connection().execute("PRAGMA user_version").fetchone()[0]
            == migrations.LATEST_VERSION
        )
        person_keys = keys(db, "people")
        assert len(person_keys) == 30
        assert all(isinstance(k, int) and 0 <= k <= 255 for k in person_keys.values())
        assert len(set(person_keys.values())) > 5
        assert all(isinstance(k, int) for k in keys(db, "volunteers").values())
        people.add_person(db, Person("After"))
        assert len(keys(db, "people")) == 31
    finally:
        db.close()
