"""The referrals section of a return, against figures worked out by hand from six referrals
received from April to June 2026 (Good Friday 3 April, Easter Monday 6 April, and the May bank
holidays 4 and 25 May are not working days), then published as every count of people is: by cell
key perturbation, or (exact figures, on purpose) with suppression."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.referrals.figures import Median
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protected_return import Figure, Section
from desktop_app.services import people
from desktop_app.services.referrals import records as referrals
from desktop_app.services.returns.build import build_return, return_figures
from desktop_app.services.returns.formats.json_format import return_document
from desktop_app.services.returns.ptables import shipped_ptable
from desktop_app.services.returns.templates import find_template
from desktop_app.store.database import Database
from tests.referrals.conftest import attend, referral_for

QUARTER = Period(date(2026, 4, 1), date(2026, 6, 30))


@pytest.fixture
def six_referrals(db: Database) -> None:
    p = [people.add_person(db, Person(f"Person {n}")).id for n in range(7)]

    def add(person: str, received: date, kind: str, **steps: object) -> None:
        referrals.add_referral(db, referral_for(person, received, source_kind=kind, **steps))

    add(p[0], date(2026, 3, 31), "gp_practice")  # before the quarter: not counted
    # 1: attempted in 1 working day (Easter), contacted in 2, sessions from day 3; engaged.
    add(p[1], date(2026, 4, 2), "social_prescribing",
        contact_attempted_on=date(2026, 4, 7), contacted_on=date(2026, 4, 8))  # fmt: skip
    attend(db, p[1], date(2026, 4, 9), date(2026, 4, 16), date(2026, 4, 23))
    # 2: contacted in 6 working days (4 May is a holiday), one session 8 working days in.
    add(p[2], date(2026, 5, 1), "gp_practice", contacted_on=date(2026, 5, 12))
    attend(db, p[2], date(2026, 5, 14))
    # 3: attempted only after 13 working days (25 May is a holiday); closed, never reached.
    add(p[3], date(2026, 5, 18), "gp_practice", contact_attempted_on=date(2026, 6, 5),
        closed_on=date(2026, 6, 10), closed_reason="could_not_contact")  # fmt: skip
    # 4: contacted the same day, sessions from the next; engaged and completed.
    add(p[4], date(2026, 6, 3), "self", contacted_on=date(2026, 6, 3),
        closed_on=date(2026, 6, 30), closed_reason="completed")  # fmt: skip
    attend(db, p[4], date(2026, 6, 4), date(2026, 6, 11), date(2026, 6, 18))
    # 5: received on the last Monday; attempted only after the quarter ends.
    add(p[5], date(2026, 6, 29), "vcse", contact_attempted_on=date(2026, 7, 1))
    # 6: received on a Saturday, contacted on the Monday (1 working day), declined.
    add(p[6], date(2026, 6, 20), "family_friend", contacted_on=date(2026, 6, 22),
        closed_on=date(2026, 6, 22), closed_reason="declined")  # fmt: skip


def test_exact_figures_match_the_hand_count(db: Database, six_referrals: None) -> None:
    r = return_figures(db, QUARTER).referrals
    assert r.received == 6
    assert {k: n for k, n in r.by_source.items() if n} == {
        "social_prescribing": 1,
        "gp_practice": 2,
        "self": 1,
        "vcse": 1,
        "family_friend": 1,
    }
    assert r.responded_within == {5: 3, 10: 4}  # 1, 0, 1 days; then 6; 13 and none are not
    assert r.first_contact == Median(1.5, 4)  # 0, 1, 2, 6 working days
    assert r.first_session == Median(3.0, 3)  # 1, 3, 8 working days
    assert (r.reached_first_session, r.engaged) == (3, 2)
    assert {k: n for k, n in r.by_outcome.items() if n} == {
        "could_not_contact": 1,
        "completed": 1,
        "declined": 1,
        "still_open": 3,
    }


def _section(db: Database, threshold: int, exact: bool = True) -> Section:
    template = find_template("Alliance return")
    protected = build_return(db, QUARTER, template, threshold, exact=exact)
    (section,) = [s for s in protected.sections if s.json_key == "referrals"]
    return section


def _values(figures: tuple[Figure, ...]) -> dict[str, float | None]:
    return {f.code: f.value for f in figures}


def test_exact_figures_are_suppressed_like_every_count(db: Database, six_referrals: None) -> None:
    section = _section(db, threshold=3)
    assert _values(section.figures) == {
        "received": 6,
        "within_5": 3,
        "within_10": None,  # 4 of 6: the 2 not answered in 10 days would show
        "median_days_to_first_contact": 1.5,
        "median_days_to_first_session": 3.0,
        "first_session": 3,
        "engaged": None,  # 2 of 6
    }
    by_source, by_outcome = section.tables
    assert by_source.total.value == 6
    shown = _values(by_source.rows)
    assert {code for code, value in shown.items() if value is None} == {
        "social_prescribing",
        "gp_practice",
        "self",
        "vcse",
        "family_friend",
    }  # every count from 1 to 2 hidden; the kinds nobody came from show 0
    assert shown["other"] == 0
    # Three hidden 1s would each be known to be 1 (their sum, 3, is 6 minus the rest): so
    # "still open" is hidden too.
    outcomes = _values(by_outcome.rows)
    assert by_outcome.total.value == 6
    assert [c for c, v in outcomes.items() if v is None] == [
        "completed",
        "declined",
        "could_not_contact",
        "still_open",
    ]
    # At the usual threshold (5) the medians of fewer than 5 referrals are hidden too.
    usual = _values(_section(db, threshold=5).figures)
    assert usual["median_days_to_first_contact"] is None
    assert usual["received"] == 6


def test_counts_are_perturbed_by_the_record_keys_of_the_people_referred(
    db: Database, six_referrals: None
) -> None:
    """Each count is what the shipped perturbation table publishes for it and the sum of the
    record keys (mod 256) of the people it counts; the keys are read here with the test's own
    SQL."""
    keys = dict(
        db.connection().execute(
            "SELECT r.received_on, p.record_key FROM referrals r "
            "JOIN people p ON p.id = r.person_id"
        )
    )
    in_quarter = [k for day, k in keys.items() if "2026-04-01" <= day <= "2026-06-30"]
    sample = [keys["2026-04-02"], keys["2026-06-03"], keys["2026-06-20"]]  # within 5 days
    session = [keys["2026-04-02"], keys["2026-05-01"], keys["2026-06-03"]]
    table = shipped_ptable(10)  # one table for every threshold
    figures = _values(_section(db, threshold=5, exact=False).figures)
    assert figures["received"] == table.published(6, sum(in_quarter) % 256)
    assert figures["within_5"] == table.published(3, sum(sample) % 256)
    assert figures["first_session"] == table.published(3, sum(session) % 256)
    published = [v for v in figures.values() if isinstance(v, int)]
    assert all(v == 0 or v >= 5 for v in published)  # never 1 to 4
    assert figures["median_days_to_first_contact"] is None  # 4 referrals: fewer than 5


def test_templates_include_or_leave_out_the_section(db: Database, six_referrals: None) -> None:
    alliance = build_return(db, QUARTER, find_template("Alliance return"), 3, exact=True)
    document = return_document(alliance)
    assert document["referrals"]["received"] == 6
    assert "/referrals/within_10" in document["suppressed"]
    funder = build_return(db, QUARTER, find_template("Funder summary"), 3, exact=True)
    assert "referrals" not in [s.json_key for s in funder.sections]
