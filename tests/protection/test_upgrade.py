"""A database made before data protection (schema 2) upgrades: records kept, audit trail
started, consent records gain empty notice versions and no withdrawals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.protection import audit
from desktop_app.store import migrations
from tests.conftest import PASSPHRASE
from tests.protection.conftest import consent


def test_a_schema_2_database_upgrades(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        patch.setattr(migrations, "LATEST_VERSION", 2)
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        with old.transaction() as conn:
            conn.execute(
                "INSERT INTO people(uuid, ref, known_as, gender, ethnic_group, disability, "
                "referral_source, created_at, updated_at) VALUES ('p-1', 'P-0001', 'Amara', "
                "'woman', 'not_stated', 'not_stated', 'self', '2024-01-01', '2024-01-01')"
            )
            conn.execute(
                "INSERT INTO consents(uuid, person_id, recorded_on, method, keep_data, "
                "be_contacted, share_story, created_at, updated_at) "
                "VALUES ('c-1', 1, '2024-01-01', 'written', 1, 1, 1, '2024-01-01', '2024-01-01')"
            )
        folder = old.folder
        old.close()
    db = open_database(folder, PASSPHRASE)
    try:
        assert (
            db.connection().execute("PRAGMA user_version").fetchone()[0]
            == migrations.LATEST_VERSION
        )
        person = people.get_person(db, "p-1")
        assert person.consent is not None and person.consent.notice_version == ""
        assert person.consent.stands("share_story")
        assert audit.chain_problems(db) == []
        added = people.add_person(db, Person("New", consent=consent()))
        assert added.consent is not None and added.consent.recorded_on == date(2024, 5, 1)
        assert any(
            p.name.startswith("before-upgrade-from-v2") for p in (folder / "backups").iterdir()
        )
    finally:
        db.close()
