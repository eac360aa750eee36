"""The demo database: same seed, same records; plausible and valid; made by `peerlog demo`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.case_studies import validate_case_study
from desktop_app.domain.listing import Page
from desktop_app.domain.people import validate_person
from desktop_app.domain.referrals.pipeline import Stage
from desktop_app.domain.referrals.records import validate_referral
from desktop_app.domain.sessions import validate_session
from desktop_app.domain.volunteers import validate_volunteer
from desktop_app.services import case_studies, home, people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.demo.builder import (
    DEMO_ORGANISATION,
    DEMO_PASSPHRASE,
    create_demo_database,
)
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import Database
from tests.snapshots import RECORD_TABLES, snapshot

TODAY = date(2025, 5, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One small demo for the module: made once, read by each test, closed at the end."""
    path = tmp_path_factory.mktemp("demo") / "Demo"
    db = create_demo_database(path, "small", seed=7, today=TODAY).database
    yield db
    db.close()


def test_same_seed_same_records_other_seed_other_records(demo: Database, tmp_path: Path) -> None:
    again = create_demo_database(tmp_path / "Again", "small", seed=7, today=TODAY).database
    other = create_demo_database(tmp_path / "Other", "small", seed=8, today=TODAY).database
    try:
        first = snapshot(demo)
        assert all(first[t] for t in RECORD_TABLES)
        assert snapshot(again) == first
        assert snapshot(other)["people"] != first["people"]
    finally:
        again.close()
        other.close()


def test_demo_is_a_year_and_more_of_every_kind_of_session(demo: Database) -> None:
    assert demo.setting("organisation_name") == DEMO_ORGANISATION
    conn = demo.connection()
    first, last = conn.execute("SELECT MIN(held_on), MAX(held_on) FROM sessions").fetchone()
    assert date.fromisoformat(last) <= TODAY
    assert (TODAY - date.fromisoformat(first)).days > 365
    kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM sessions GROUP BY kind").fetchall())
    assert set(kinds) == {"group", "drop_in", "one_to_one"}
    ethnic_groups = conn.execute("SELECT COUNT(DISTINCT ethnic_group) FROM people").fetchone()
    assert ethnic_groups[0] == 21  # the 19 groups, "Prefer not to say" and "Not recorded"
    figures = home.month_figures(demo, TODAY)
    assert figures.sessions > 0 and figures.people > 0 and figures.volunteer_hours > 0
    attention = home.attention(demo, TODAY)
    assert attention.dbs_due and attention.training_due and attention.open_concerns
    assert attention.people_without_consent_total > 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_demo_record_passes_validation(demo: Database) -> None:
    rows = people.list_people(demo, page=Page(limit=1000)).rows
    for row in rows:
        assert validate_person(people.get_person(demo, row.id), TODAY) == []
    for summary in volunteers.list_volunteers(demo, include_ended=True):
        assert validate_volunteer(volunteers.get_volunteer(demo, summary.id), TODAY) == []
    for session_row in sessions.list_sessions(demo, page=Page(limit=5000)).rows:
        assert validate_session(sessions.get_session(demo, session_row.id), TODAY) == []
    for study in case_studies.list_case_studies(demo).rows:
        assert validate_case_study(study, TODAY) == []
    made = referrals.list_referrals(demo, open_only=False, page=Page(limit=1000)).rows
    assert len(made) > 40
    for row in made:
        assert validate_referral(row.progress.referral, TODAY) == []


def test_demo_referrals_fill_the_inbox(demo: Database) -> None:
    """Most were answered and many closed; a few referred again lately are still waiting,
    and some of those are overdue (shown on Home)."""
    rows = referrals.list_referrals(demo, open_only=False, page=Page(limit=1000)).rows
    waiting = [r for r in rows if r.progress.waiting()]
    assert 1 <= len(waiting) <= 6 and rows[: len(waiting)] == waiting
    assert any(r.progress.stage is Stage.CLOSED for r in rows)
    assert any(r.progress.stage is Stage.ENGAGED for r in rows)
    assert referrals.overdue_referrals(demo, TODAY) == home.attention(demo, TODAY).overdue_referrals


def test_peerlog_demo_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "demo",
            "--db",
            str(tmp_path / "Demo"),
            "--seed",
            "3",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PEERLOG_FAST_KDF": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert DEMO_PASSPHRASE in result.stdout
    db = open_database(tmp_path / "Demo.peerlog", DEMO_PASSPHRASE)
    try:
        assert db.setting("demo_seed") == "3"
        assert sessions.list_sessions(db).total > 500
    finally:
        db.close()


@pytest.mark.parametrize("today", [date(2026, 10, 31), date(2026, 11, 1), date(2027, 2, 28)])
def test_demo_can_be_made_on_any_day(tmp_path: Path, today: date) -> None:
    """The first week can start in the month before; people must still be written once each."""
    created = create_demo_database(tmp_path / "Any", today=today)
    conn = created.database.connection()
    refs = conn.execute("SELECT count(*), count(DISTINCT ref) FROM people").fetchone()
    created.database.close()
    assert refs[0] == refs[1] > 0


def test_demo_has_outcome_journeys(demo: Database) -> None:
    from desktop_app.domain.returns.periods import Period
    from desktop_app.services import outcomes

    stages = dict(
        demo.connection()
        .execute("SELECT stage, count(*) FROM outcome_records GROUP BY stage")
        .fetchall()
    )
    assert stages["baseline"] > stages["review"] > 0
    reports = outcomes.change_report(demo, "SWEMWBS", Period(date(TODAY.year - 2, 1, 1), TODAY))
    assert reports and reports[0].people > 0
    assert reports[0].improved > reports[0].worse
