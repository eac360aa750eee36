"""The list and Home queries use the indexes of m0002: no full scan of the big tables, and
pages in date order come straight from an index, with no sorting of the whole table."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.domain.listing import SessionFilter, VolunteerFilter
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import home, people, sessions, volunteers
from desktop_app.store.database import Database
from tests.query_plans import Step, plans_of

BIG_TABLE_SCAN = re.compile(
    r"^SCAN (s|sessions|a|attendances|h|volunteer_hours|f|session_facilitators)$"
)


def full_scans(plan: list[Step]) -> list[str]:
    """Scans of a whole big table (a scan of a page already fetched, a co-routine, is fine)."""
    pages = {s.detail.split()[-1] for s in plan if s.detail.startswith("CO-ROUTINE ")}
    return [
        s.detail
        for s in plan
        if BIG_TABLE_SCAN.match(s.detail) and s.detail.split()[-1] not in pages
    ]


def whole_sorts(plan: list[Step]) -> list[str]:
    """Sorts of every matching row before paging. Sorting the page itself (the outer query
    over the CO-ROUTINE), or a few names inside one row, is fine."""
    paging = {s.id for s in plan if s.detail.startswith("CO-ROUTINE ") and s.parent == 0}
    return [s.detail for s in plan if "TEMP B-TREE" in s.detail and s.parent in (paging or {0})]


@pytest.fixture
def logged(db: Database) -> Session:
    amara = Person("Amara")
    return sessions.log_session(
        db, Session(date(2025, 3, 4), "one_to_one", venue="Hall"), new_people=[amara]
    ).session


SESSION_PAGES = {
    "newest first": SessionFilter(),
    "one kind": SessionFilter(kind="group"),
    "a date range": SessionFilter(start=date(2025, 1, 1), end=date(2025, 1, 31)),
    "one venue": SessionFilter(venue="Hall", sort="venue"),
}


@pytest.mark.parametrize("name", SESSION_PAGES)
def test_session_pages_come_from_an_index(db: Database, logged: Session, name: str) -> None:
    plans = plans_of(db, lambda: sessions.list_sessions(db, SESSION_PAGES[name]))
    assert len(plans) == 2  # the count, then the page
    for plan in plans:
        assert full_scans(plan) == [], plan
        assert whole_sorts(plan) == [], plan


@pytest.mark.parametrize(
    "call",
    [
        lambda db: home.month_figures(db, date(2025, 3, 9)),
        lambda db: home.attention(db, date(2025, 3, 9)),
        lambda db: home.last_twelve_months(db, date(2025, 3, 9)),
        lambda db: people.list_people(db),
        lambda db: volunteers.total_hours(db, start=date(2025, 3, 1), end=date(2025, 3, 31)),
        lambda db: sessions.last_session_defaults(db, "one_to_one"),
        lambda db: volunteers.list_volunteer_rows(db, VolunteerFilter(sort="last_active")),
    ],
    ids=["month", "attention", "twelve months", "people", "hours", "defaults", "volunteers"],
)
def test_home_and_form_queries_never_scan_big_tables(
    db: Database, logged: Session, call: Callable[[Database], object]
) -> None:
    plans = plans_of(db, lambda: call(db))
    assert plans
    for plan in plans:
        assert full_scans(plan) == [], plan
