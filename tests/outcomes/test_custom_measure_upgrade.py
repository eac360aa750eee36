"""A database made before measures could be stopped (schema 5) upgrades: its custom measures
are kept, and all of them are still offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services import outcomes
from desktop_app.services.databases import create_database, open_database
from desktop_app.store import migrations
from tests.conftest import PASSPHRASE


def test_a_schema_5_database_keeps_its_custom_measures_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
        patch.setattr(migrations, "LATEST_VERSION", 5)
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        with old.transaction() as conn:
            conn.execute(
                "INSERT INTO custom_measures(code, name, item_min, item_max, higher_is_better, "
                "threshold, created_at, updated_at) "
                "VALUES ('custom-1', 'Confidence', 1, 5, 1, 2, '2024-01-01', '2024-01-01')"
            )
            conn.execute(
                "INSERT INTO custom_measure_items(measure_id, number, wording) "
                "VALUES (1, 1, 'I can ask for help')"
            )
        folder = old.folder
        old.close()
    db = open_database(folder, PASSPHRASE)
    try:
        version = db.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == migrations.LATEST_VERSION
        [kept] = [m for m in outcomes.offered_measures(db) if m.custom]
        assert (kept.name, kept.items[0].label, kept.offered) == (
            "Confidence",
            "I can ask for help",
            True,
        )
        outcomes.stop_offering_measure(db, "custom-1")
        assert not [m for m in outcomes.offered_measures(db) if m.custom]
    finally:
        db.close()
