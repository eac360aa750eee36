"""Time the record queries the screens make, on the stress demo database.

    python -m benchmarks.records_queries

Uses the cached stress database of `make bench` (built the first time). Prints the best of three
runs of each query the screens make.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

from benchmarks.stress_db import ensure_stress_database
from desktop_app.domain.listing import (
    Page,
    PeopleFilter,
    SessionFilter,
    VolunteerFilter,
    VolunteerSort,
)
from desktop_app.services import home, people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.demo.builder import DEMO_PASSPHRASE
from desktop_app.store.database import Database


def stress_database() -> Database:
    return open_database(ensure_stress_database(), DEMO_PASSPHRASE, quick_check=False)


def best_of_three(name: str, query: Callable[[], object]) -> None:
    best = min(_timed(query) for _ in range(3))
    print(f"{name:42s} {best * 1000:8.1f} ms")


def _timed(query: Callable[[], object]) -> float:
    started = time.perf_counter()
    query()
    return time.perf_counter() - started


def volunteer_list(db: Database, sort: VolunteerSort, include_ended: bool) -> object:
    """One page of the Volunteers screen (200 rows, as it asks). Including those who have left
    reads their whole history: they facilitated no session lately."""
    f = VolunteerFilter(include_ended=include_ended, sort=sort)
    return volunteers.list_volunteer_rows(db, f, Page(200))


def main() -> None:
    db = stress_database()
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
        ("volunteers: names (pickers)", lambda: volunteers.list_volunteers(db)),
        ("volunteers list: current, by name", lambda: volunteer_list(db, "name", False)),
        ("volunteers list: current, by DBS check", lambda: volunteer_list(db, "dbs", False)),
        ("volunteers list: all, by DBS check", lambda: volunteer_list(db, "dbs", True)),
        ("volunteers list: all, by last active", lambda: volunteer_list(db, "last_active", True)),
    ]
    try:
        for name, query in checks:
            best_of_three(name, query)
    finally:
        db.close()


if __name__ == "__main__":
    main()
