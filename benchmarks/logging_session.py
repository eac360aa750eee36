"""Logging a session, from the service call to the commit, on the stress database."""

from __future__ import annotations

import statistics
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

from benchmarks.common import Figure, ms, verdict
from benchmarks.stress_db import PASSPHRASE
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.services.databases import open_database


def measure(stress: Path, runs: int = 21) -> list[Figure]:
    db = open_database(stress, PASSPHRASE, quick_check=False)
    try:
        regulars = [p.id for p in people.find_people(db, "a", limit=8)]
        times, logged = [], []
        for _ in range(runs):
            session = Session(
                held_on=date.today(),
                starts_at=clock(18, 0),
                minutes=90,
                kind="group",
                mode="in_person",
                venue="Benchmark Hall",
                attendee_ids=tuple(regulars),
            )
            started = time.perf_counter()
            result = sessions.log_session(db, session)
            times.append(time.perf_counter() - started)
            logged.append(result.session.id)
        for session_id in logged:
            sessions.delete_session(db, session_id)
    finally:
        db.close()
    median = statistics.median(times)
    return [
        Figure(
            "log a session of 8 (service call to commit), stress database",
            ms(median) if median >= 0.01 else f"{median * 1000:.1f} ms",
            "< 20 ms",
            verdict(median < 0.02),
        )
    ]
