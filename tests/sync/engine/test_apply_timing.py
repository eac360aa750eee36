"""Applying a large batch (a term's sessions with their attendance) is quick."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.store.database import utc_now
from desktop_app.store.records import people_repo, sessions_repo
from tests.sync.engine.laptops import close, dump, laptops

SESSIONS = 400
PER_SESSION = 8  # 3,200 attendance ticks


def test_four_hundred_sessions_and_three_thousand_ticks_apply_well_under_a_second(
    tmp_path: Path,
) -> None:
    a, b = machines = laptops(tmp_path, "ab")
    try:
        crowd = [Person(f"Person {n}", ref=f"P-{n:04d}") for n in range(1, 121)]
        start = date(2025, 1, 6)
        term = [
            Session(
                start + timedelta(days=n),
                "drop_in",
                attendee_ids=tuple(crowd[(n * 7 + k) % len(crowd)].id for k in range(PER_SESSION)),
            )
            for n in range(SESSIONS)
        ]
        with a.db.transaction() as conn:
            people_repo.insert_people(conn, crowd, utc_now())
            sessions_repo.insert_sessions(conn, term, utc_now())
        batch = a.send()
        assert len(batch.changes) == len(crowd) + SESSIONS + SESSIONS * PER_SESSION
        began = time.perf_counter()
        applied = b.receive(batch)
        took = time.perf_counter() - began
        print(f"\napplied {len(batch.changes)} changes in {took * 1000:.0f} ms")
        assert applied.added["attendance ticks"] == SESSIONS * PER_SESSION
        assert took < 1.0
        assert dump(a.db) == dump(b.db)
    finally:
        close(machines)
