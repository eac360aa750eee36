"""The demo database: an invented organisation to try PeerLog on, or (size "stress") ten busy
years to measure it with.

Same seed and same day, same records. The records are written month by month with `executemany`
in one transaction per month: the stress size (100,000 sessions, about a million attendances)
takes a minute or two rather than hours.
"""

from __future__ import annotations

import contextlib
import logging
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from desktop_app.domain.overview import month_containing
from desktop_app.services.databases import create_database
from desktop_app.services.demo.identity import DEMO_ORGANISATION, DEMO_PASSPHRASE
from desktop_app.services.demo.outcomes import make_outcomes
from desktop_app.services.demo.people import SHAPES, DemoRandom, make_people, make_volunteers
from desktop_app.services.demo.referrals import make_feedback_notes, make_referrals
from desktop_app.services.demo.sessions import SessionMaker, make_case_studies
from desktop_app.store.connection import Connection
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.protection import users
from desktop_app.store.records import (
    case_studies_repo,
    hours_repo,
    outcomes_repo,
    people_repo,
    referrals_repo,
    safeguarding_repo,
    sessions_repo,
    volunteers_repo,
)
from desktop_app.store.statistics import refresh_query_statistics
from desktop_app.store.sync.capture import baseline

log = logging.getLogger(__name__)
__all__ = ["DEMO_ORGANISATION", "DEMO_PASSPHRASE", "create_demo_database", "fill_demo_database"]

DemoSize = Literal["small", "stress"]
Progress = Callable[[int, int], None]


def create_demo_database(
    path: Path,
    size: DemoSize = "small",
    seed: int = 1,
    progress: Progress | None = None,
    today: date | None = None,
) -> CreatedDatabase:
    """Create the demo database at `path` (opened with DEMO_PASSPHRASE). `progress(done, total)`
    is called after each step; `today` is the last day with records (default: today)."""
    created = create_database(path, DEMO_ORGANISATION, DEMO_PASSPHRASE)
    try:
        fill_demo_database(created.database, size, seed, progress, today or date.today())
    except BaseException:
        created.database.close()
        raise
    return created


def fill_demo_database(
    db: Database, size: DemoSize, seed: int, progress: Progress | None, today: date
) -> None:
    shape = SHAPES[size]
    rng = DemoRandom(seed)
    start = today - timedelta(days=round(shape.years * 365.25))
    people = make_people(rng, shape, start, today)
    volunteers = make_volunteers(rng, shape, start, today)
    maker = SessionMaker(rng, shape, people, volunteers, start, today)
    total = (today.year - start.year) * 12 + today.month - start.month + 3
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(min(done, total), total)

    with _baseline(db) as conn:
        volunteers_repo.insert_volunteers(conn, volunteers, _stamp(start))
        raiser = users.first_coordinator_id(conn) or ""
    step()
    first_contacts = [p.first_contact for p in people]
    written = 0
    for month in maker.months():
        last_day = min(month_containing(month.first_day)[1], today)
        now = _stamp(last_day)
        with _baseline(db) as conn:
            # Sessions of a week may take in people who arrive later that week, and the first
            # week can start in the month before: write everyone arriving up to six days on,
            # and never go back.
            upto = max(written, bisect_right(first_contacts, last_day + timedelta(days=6)))
            people_repo.insert_people(conn, [p.person for p in people[written:upto]], now)
            written = upto
            sessions_repo.insert_sessions(conn, month.sessions, now)
            hours_repo.insert_hours(conn, month.hours, now)
            safeguarding_repo.insert_concerns(
                conn, [replace(c, raised_by=raiser) for c in month.concerns], now
            )
        step()
    with _baseline(db) as conn:
        people_repo.insert_people(conn, [p.person for p in people[written:]], _stamp(today))
        studies = make_case_studies(rng, shape, people, today)
        case_studies_repo.insert_case_studies(conn, studies, _stamp(today))
        for record in make_outcomes(rng, [p for p in people if p.first_contact <= today], today):
            outcomes_repo.insert_outcome(conn, record, _stamp(record.taken_on))
        made = make_referrals(seed, people, today)
        referrals_repo.insert_referrals(conn, made, _stamp(today))
        finished = [referrals_repo.get_referral_row(conn, r.id) for r in made if r.closed_on]
        for note in make_feedback_notes(seed, finished):
            referrals_repo.insert_feedback(conn, note, _stamp(note.written_on))
    db.set_setting("demo_size", size)
    db.set_setting("demo_seed", str(seed))
    refresh_query_statistics(db.connection())
    db.save_point()
    done = total - 1
    step()
    log.info("Demo database filled (%s, seed %d)", size, seed)


@contextlib.contextmanager
def _baseline(db: Database) -> Iterator[Connection]:
    """A transaction whose records are the baseline every copy of the demo starts from (sync
    notes nothing of them to send)."""
    with db.transaction() as conn, baseline(conn):
        yield conn


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T18:00:00+00:00"
