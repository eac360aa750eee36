"""Time the record queries the screens make, on the stress demo database.

    python benchmarks/records_queries.py [FOLDER]   (default: benchmarks/.cache)

Makes FOLDER/Stress.peerlog with `create_demo_database(size="stress")` the first time (about
half a minute to a minute) and reuses it after. Prints the best of three runs of each query.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from desktop_app.domain.listing import Page, PeopleFilter, SessionFilter
from desktop_app.services import home, people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.demo import DEMO_PASSPHRASE, create_demo_database
from desktop_app.store.database import Database


def stress_database(folder: Path) -> Database:
    path = folder / "Stress.peerlog"
    if path.exists():
        return open_database(path, DEMO_PASSPHRASE)
    started = time.perf_counter()
    db = create_demo_database(path, "stress").database
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1e6
    print(f"made the stress database in {time.perf_counter() - started:.0f} s ({size:.0f} MB)")
    return db


def best_of_three(name: str, query: Callable[[], object]) -> None:
    best = min(_timed(query) for _ in range(3))
    print(f"{name:42s} {best * 1000:8.1f} ms")


def _timed(query: Callable[[], object]) -> float:
    started = time.perf_counter()
    query()
    return time.perf_counter() - started


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / ".cache")
    folder.mkdir(parents=True, exist_ok=True)
    db = stress_database(folder)
    today = date.today()
    month = SessionFilter(start=today - timedelta(days=30), end=today)
    venue = sessions.venues(db)[0]
    latest = sessions.list_sessions(db, page=Page(1)).rows[0].id
    checks: list[tuple[str, Callable[[], object]]] = [
        ("sessions: first page", lambda: sessions.list_sessions(db)),
        ("sessions: page at 90,000", lambda: sessions.list_sessions(db, page=Page(100, 90_000))),
        ("sessions: last 30 days", lambda: sessions.list_sessions(db, month)),
        ("sessions: one venue", lambda: sessions.list_sessions(db, SessionFilter(venue=venue))),
        ("sessions: text in notes", lambda: sessions.list_sessions(db, SessionFilter(text="tea"))),
        (
            "sessions: sorted by attendance",
            lambda: sessions.list_sessions(db, SessionFilter(sort="attendance")),
        ),
        ("session detail", lambda: sessions.session_detail(db, latest)),
        ("last group's defaults", lambda: sessions.last_session_defaults(db, "group")),
        ("people: first page", lambda: people.list_people(db)),
        ("people: page at 15,000", lambda: people.list_people(db, page=Page(100, 15_000))),
        (
            "people: newest first",
            lambda: people.list_people(db, PeopleFilter(sort="first_contact", descending=True)),
        ),
        ("attendee picker: 'a'", lambda: people.find_people(db, "a")),
        ("attendee picker: 'amara'", lambda: people.find_people(db, "amara")),
        ("Home: this month", lambda: home.month_figures(db)),
        ("Home: needs attention", lambda: home.attention(db)),
        ("volunteers", lambda: volunteers.list_volunteers(db)),
    ]
    try:
        for name, query in checks:
            best_of_three(name, query)
    finally:
        db.close()


if __name__ == "__main__":
    main()
