"""The one BEGIN IMMEDIATE ... COMMIT bracket: all of the work is saved, or none of it is, and
the connection is ready for the next transaction either way."""

from __future__ import annotations

import pytest
import sqlcipher3

from desktop_app.store import settings_repo
from desktop_app.store.connection import write_transaction
from desktop_app.store.database import Database
from desktop_app.store.migrations import migrate
from desktop_app.store.migrations.step import Migration


class Boom(Exception):
    pass


def test_an_error_in_the_work_rolls_all_of_it_back(db: Database) -> None:
    with pytest.raises(Boom), db.transaction() as conn:
        settings_repo.put(conn, "first", "saved?")
        settings_repo.put(conn, "second", "saved?")
        raise Boom()
    assert db.setting("first") is None and db.setting("second") is None
    assert not db.connection().in_transaction
    db.set_setting("after", "yes")
    assert db.setting("after") == "yes"


def test_a_failed_commit_rolls_back_and_the_next_transaction_works(db: Database) -> None:
    """A deferred foreign key is only checked at COMMIT, so COMMIT itself fails: the work must
    be rolled back there too, or the connection stays inside the transaction and the next
    BEGIN is refused."""
    with pytest.raises(sqlcipher3.IntegrityError), db.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        settings_repo.put(conn, "kept", "no")
        conn.execute("INSERT INTO attendances(session_id, person_id) VALUES (999, 999)")
    assert not db.connection().in_transaction
    assert db.setting("kept") is None
    db.set_setting("after", "yes")
    assert db.setting("after") == "yes"


def test_work_that_succeeds_is_saved(db: Database) -> None:
    with write_transaction(db.connection()) as conn:
        settings_repo.put(conn, "saved", "yes")
    assert not db.connection().in_transaction
    assert db.setting("saved") == "yes"


def test_a_failing_schema_step_leaves_the_schema_as_it_was(db: Database) -> None:
    conn = db.connection()
    (before,) = conn.execute("PRAGMA user_version").fetchone()

    def half_done(c: object) -> None:
        conn.execute("CREATE TABLE half_done(n INTEGER)")
        raise Boom()

    step = Migration(before + 1, "a step that fails half way", half_done)
    with (
        pytest.MonkeyPatch.context() as patch,
        pytest.raises(Boom),
    ):
        patch.setattr("desktop_app.store.migrations.MIGRATIONS", (step,))
        patch.setattr("desktop_app.store.migrations.LATEST_VERSION", step.version)
        migrate(conn, before, before_upgrade=lambda _version: None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == before
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    assert not conn.in_transaction
