"""Nothing is recorded that nobody said: unanswered questions stay "Not recorded", consent needs
something agreed to, a safeguarding concern needs its detail, and a session saved twice is
noticed. Checked through the services (the CLI's and import's way in), and read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from desktop_app.domain.people import Consent, Person
from desktop_app.domain.returns.disclosure import DisclosureRules, protect_breakdown
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.safeguarding import Concern
from desktop_app.domain.sessions import Session
from desktop_app.services import people, safeguarding, sessions
from desktop_app.services.importing.template_import import run_import
from desktop_app.services.returns.build import build_return
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database

DAY = date(2025, 3, 4)


def test_a_person_added_while_logging_a_session_has_nothing_recorded(db: Database) -> None:
    logged = sessions.log_session(db, Session(DAY, "group"), new_people=[Person("Esi")])
    (esi,) = logged.new_people
    stored = people.get_person(db, esi.id)
    assert (stored.gender, stored.ethnic_group, stored.disability) == ("not_recorded",) * 3
    assert stored.referral_source == "not_known" and stored.first_contact is None


def test_a_blank_import_cell_means_not_recorded(db: Database, tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "ref,known_as,gender,ethnicity,disability\r\n"
        "P-1,Amara,,,\r\n"
        "P-2,Bryn,Prefer not to say,not_stated,Prefer not to say\r\n",
        encoding="utf-8",
    )
    run_import(db, tmp_path)
    amara, bryn = (people.get_person(db, people.find_people(db, n)[0].id) for n in ("Am", "Br"))
    assert (amara.gender, amara.ethnic_group, amara.disability) == ("not_recorded",) * 3
    assert (bryn.gender, bryn.ethnic_group, bryn.disability) == ("not_stated",) * 3


def test_returns_show_not_recorded_as_its_own_row(db: Database) -> None:
    answered = [
        people.add_person(
            db,
            Person(
                f"Said {n}", gender="not_stated", ethnic_group="not_stated", disability="not_stated"
            ),
        )
        for n in range(6)
    ]
    logged = sessions.log_session(
        db,
        Session(DAY, "group", attendee_ids=tuple(p.id for p in answered)),
        new_people=[Person(f"New {n}") for n in range(7)],
    )
    assert len(logged.new_people) == 7
    result = build_return(
        db, Period(date(2025, 3, 1), date(2025, 3, 31)), "Alliance return", exact=True
    )  # exact: the rows themselves are the point here (perturbation is tested in returns/)
    gender = next(s for s in result.sections if s.code == "gender").tables[0]
    rows = {f.code: (f.label, f.value) for f in gender.rows}
    assert rows["not_stated"] == ("Prefer not to say", 6)
    assert rows["not_recorded"] == ("Not recorded", 7)
    ethnicity = next(s for s in result.sections if s.code == "ethnicity")
    high = {f.code: f.value for f in ethnicity.tables[0].rows}
    assert (high["not_stated"], high["not_recorded"]) == (6, 7)


def test_not_recorded_hides_no_more_than_the_rules_need() -> None:
    rules = DisclosureRules()
    real = {"woman": 24, "man": 15, "non_binary": 0, "self_described": 0, "not_stated": 9}
    alone = protect_breakdown(real, rules)
    # Nobody unrecorded: the real categories are protected exactly as without the row.
    with_none = protect_breakdown({**real, "not_recorded": 0}, rules)
    assert {c: with_none.cells[c] for c in real} == alone.cells
    assert with_none.cells["not_recorded"].value == 0
    # Many unrecorded: shown, and nothing else hidden.
    many = protect_breakdown({**real, "not_recorded": 6}, rules)
    assert many.suppressed_codes() == []
    # A few unrecorded (hidden, being 1 to 4): exactly one more cell, the smallest, goes too.
    few = protect_breakdown({**real, "not_recorded": 2}, rules)
    assert few.suppressed_codes() == ["not_stated", "not_recorded"]


def test_consent_with_nothing_agreed_is_refused(db: Database) -> None:
    nothing = Consent(DAY, "verbal", keep_data=False, be_contacted=False, share_story=False)
    with pytest.raises(ValidationFailed) as refused:
        people.add_person(db, Person("Ola", consent=nothing))
    assert "nothing is ticked as agreed" in refused.value.messages_for("consent.agreed")[0]
    assert people.list_people(db).total == 0


def test_a_safeguarding_concern_needs_its_detail(db: Database) -> None:
    session = sessions.log_session(db, Session(DAY, "drop_in", anonymous_headcount=3)).session
    blank = Concern(DAY, "self_harm", session_id=session.id)
    for what in ("", "   \n "):
        with pytest.raises(ValidationFailed) as refused:
            safeguarding.raise_concern(db, replace(blank, what_happened=what))
        assert "What happened is missing" in refused.value.messages_for("what_happened")[0]
    assert safeguarding.list_concerns(db).total == 0
    saved = safeguarding.raise_concern(db, replace(blank, what_happened="Rang the lead"))
    assert safeguarding.get_concern(db, saved.concern.id).concern.what_happened == "Rang the lead"


def test_a_session_saved_twice_is_found_as_a_likely_duplicate(db: Database) -> None:
    amara, bryn = (people.add_person(db, Person(n)) for n in ("Amara", "Bryn"))
    first = sessions.log_session(
        db, Session(DAY, "group", venue="Church Hall", attendee_ids=(amara.id, bryn.id))
    ).session
    again = Session(DAY, "group", venue=" church  hall", attendee_ids=(bryn.id, amara.id))
    assert sessions.likely_duplicate(db, again) == first
    # The headcount of people without a record forgotten, or corrected: still the same session.
    assert sessions.likely_duplicate(db, replace(again, anonymous_headcount=4)) == first
    # Any difference in day, kind, venue, start or people: not a duplicate.
    for different in (
        Session(date(2025, 3, 5), "group", venue="Church Hall", attendee_ids=(amara.id, bryn.id)),
        Session(DAY, "drop_in", venue="Church Hall", attendee_ids=(amara.id, bryn.id)),
        Session(DAY, "group", venue="Library", attendee_ids=(amara.id, bryn.id)),
        Session(DAY, "group", venue="Church Hall", attendee_ids=(amara.id,)),
        Session(
            DAY,
            "group",
            venue="Church Hall",
            attendee_ids=(amara.id, bryn.id),
            starts_at=time(10, 30),
        ),
    ):
        assert sessions.likely_duplicate(db, different) is None
    # A session is not a duplicate of itself when it is edited.
    assert sessions.likely_duplicate(db, first) is None
