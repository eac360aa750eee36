"""Schema step 13: a database of schema 12, with concerns ticked on sessions, opens with each in
the safeguarding log (kind "Not recorded", about its session, its follow-up as what happened,
its resolved date), and the old session columns gone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services import home, safeguarding, sessions
from desktop_app.services.databases import create_database, open_database
from desktop_app.store import migrations
from tests.conftest import PASSPHRASE

STAMP = "'2024-01-01T10:00:00+00:00'"


def test_concerns_ticked_on_sessions_move_into_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(
            migrations, "MIGRATIONS", tuple(m for m in migrations.MIGRATIONS if m.version <= 12)
        )
        patch.setattr(migrations, "LATEST_VERSION", 12)
        assert migrations.MIGRATIONS[-1].version == 12
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        with old.transaction() as conn:  # as PeerLog of schema 12 stored them
            for uuid, held_on, ticked, follow_up, resolved in (
                ("s-open", "2024-05-01", 1, "Rang the lead on Monday", None),
                ("s-done", "2024-05-08", 1, "Passed to adult social care", "2024-05-20"),
                ("s-none", "2024-05-15", 0, "", None),
            ):
                conn.execute(
                    "INSERT INTO sessions(uuid, held_on, minutes, kind, mode, "
                    "anonymous_headcount, safeguarding_concern, safeguarding_follow_up, "
                    f"safeguarding_resolved_on, created_at, updated_at) VALUES "
                    f"(?, ?, 90, 'drop_in', 'in_person', 4, ?, ?, ?, {STAMP}, {STAMP})",
                    (uuid, held_on, ticked, follow_up, resolved),
                )
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            assert version == 12
        old.close()
    db = open_database(old.folder, PASSPHRASE)
    try:
        conn = db.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        columns = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
        assert not {c for c in columns if c.startswith("safeguarding")}
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "sessions_with_open_concerns" not in indexes
        rows = safeguarding.list_concerns(db).rows  # open first
        moved = [
            (
                r.concern.session_id,
                r.concern.kind,
                r.concern.raised_on,
                r.concern.what_happened,
                r.concern.resolved_on,
                r.concern.person_id,
            )
            for r in rows
        ]
        assert moved == [
            ("s-open", "not_recorded", date(2024, 5, 1), "Rang the lead on Monday", None, None),
            (
                "s-done",
                "not_recorded",
                date(2024, 5, 8),
                "Passed to adult social care",
                date(2024, 5, 20),
                None,
            ),
        ]
        assert all(len(r.concern.id) == 36 for r in rows)  # each has a uuid of its own
        assert [c.concern.session_id for c in home.attention(db).open_concerns] == ["s-open"]
        assert sessions.get_session(db, "s-none").anonymous_headcount == 4
        # A moved concern keeps "Not recorded" when changed; a new kind can be given.
        kept = safeguarding.update_concern(db, rows[0].concern)
        assert kept.concern.kind == "not_recorded"
        resolved = safeguarding.mark_resolved(db, rows[0].concern, on=date(2024, 6, 1))
        assert resolved.concern.resolved_on == date(2024, 6, 1)
    finally:
        db.close()
