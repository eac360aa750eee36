"""The validators say what is wrong, field by field, in plain English."""

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.case_studies import CaseStudy, validate_case_study
from desktop_app.domain.people import Consent, Person, validate_person
from desktop_app.domain.problems import Problem
from desktop_app.domain.safeguarding import Concern, validate_concern
from desktop_app.domain.sessions import OnwardReferral, Session, validate_session
from desktop_app.domain.volunteers import (
    TrainingRecord,
    Volunteer,
    VolunteerHours,
    dbs_due_on,
    validate_hours,
    validate_volunteer,
)

TODAY = date(2025, 6, 15)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def test_a_plain_person_is_valid() -> None:
    assert validate_person(Person("Amara K.", year_of_birth=1990), TODAY) == []


def test_year_of_birth_in_the_future() -> None:
    problems = validate_person(Person("Amara", year_of_birth=2031), TODAY)
    assert problems == [Problem("year_of_birth", "Year of birth 2031 is in the future.")]


def test_year_of_birth_too_long_ago() -> None:
    (problem,) = validate_person(Person("Amara", year_of_birth=1890), TODAY)
    assert problem.field == "year_of_birth"
    assert "over 120" in problem.message


def test_name_is_required() -> None:
    (problem,) = validate_person(Person("   "), TODAY)
    assert problem.field == "known_as"
    assert "missing" in problem.message


@pytest.mark.parametrize("district", ["BB1", "m14", "EC1A", " sw1a ", "B2", ""])
def test_postcode_districts_are_accepted(district: str) -> None:
    assert validate_person(Person("A", postcode_district=district), TODAY) == []


@pytest.mark.parametrize("postcode", ["BB1 1AA", "bb11aa", "EC1A 1BB"])
def test_full_postcodes_are_refused_with_the_district_to_use(postcode: str) -> None:
    (problem,) = validate_person(Person("A", postcode_district=postcode), TODAY)
    assert problem.field == "postcode_district"
    assert "only the first half" in problem.message
    assert postcode.upper().replace(" ", "")[:-3] in problem.message


def test_nonsense_district_is_refused() -> None:
    (problem,) = validate_person(Person("A", postcode_district="Blackburn"), TODAY)
    assert problem.message.startswith('"BLACKBURN" is not a postcode district')


def test_codes_must_come_from_the_vocabularies() -> None:
    person = Person("A", gender="female", ethnic_group="bame", referral_source="gp")
    assert fields(validate_person(person, TODAY)) == ["gender", "ethnic_group", "referral_source"]
    assert validate_person(person, TODAY)[1].message == "Choose the ethnic group from the list."


def test_consent_in_the_future_and_unknown_method() -> None:
    consent = Consent(date(2025, 7, 1), "carrier pigeon", True, True, False)
    problems = validate_person(Person("A", consent=consent), TODAY)
    assert fields(problems) == ["consent.method", "consent.recorded_on"]
    assert problems[1].message == "Consent date 1 July 2025 is in the future."


def group(**changes: object) -> Session:
    base = {"held_on": date(2025, 6, 1), "kind": "group", "attendee_ids": ("p1", "p2")}
    return Session(**{**base, **changes})  # type: ignore[arg-type]


def test_a_group_is_valid() -> None:
    assert validate_session(group(), TODAY) == []


def test_one_to_one_has_exactly_one_person() -> None:
    problems = validate_session(group(kind="one_to_one"), TODAY)
    assert fields(problems) == ["attendee_ids"]
    assert problems[0].message.startswith("A one-to-one session has exactly one person")
    assert validate_session(group(kind="one_to_one", attendee_ids=("p1",)), TODAY) == []


def test_a_drop_in_needs_someone_counted() -> None:
    assert fields(validate_session(group(kind="drop_in", attendee_ids=()), TODAY)) == [
        "attendee_ids"
    ]
    drop_in = group(kind="drop_in", attendee_ids=(), anonymous_headcount=7)
    assert validate_session(drop_in, TODAY) == []


def test_session_date_length_and_duplicates() -> None:
    session = group(
        held_on=date(2025, 6, 16), minutes=0, attendee_ids=("p1", "p1"), facilitator_ids=("v", "v")
    )
    assert fields(validate_session(session, TODAY)) == [
        "held_on",
        "minutes",
        "attendee_ids",
        "facilitator_ids",
    ]


def test_a_concern_is_resolved_after_it_was_raised_and_names_its_kind() -> None:
    raised = Concern(date(2025, 6, 1), "domestic", "Said they were afraid", person_id="p1")
    problems = validate_concern(replace(raised, resolved_on=date(2025, 5, 1)), TODAY)
    assert fields(problems) == ["resolved_on"]
    assert problems[0].message == (
        "The resolved date (1 May 2025) is before the date raised (1 June 2025)."
    )
    # "Not recorded" is only for concerns moved from the old tick box on sessions.
    unrecorded = replace(raised, kind="not_recorded")
    assert fields(validate_concern(unrecorded, TODAY)) == ["kind"]
    assert validate_concern(unrecorded, TODAY, was_kind="not_recorded") == []
    assert fields(validate_concern(replace(raised, person_id=None), TODAY)) == ["person_id"]


def test_referral_needs_a_destination_and_an_attendee() -> None:
    referrals = (OnwardReferral("  "), OnwardReferral("Citizens Advice", person_id="stranger"))
    problems = validate_session(group(onward_referrals=referrals), TODAY)
    assert fields(problems) == ["onward_referrals", "onward_referrals"]


def test_volunteer_dates_and_training() -> None:
    volunteer = Volunteer(
        "Jo",
        started_on=date(2024, 1, 1),
        ended_on=date(2023, 1, 1),
        dbs_checked_on=date(2026, 1, 1),
        training=(TrainingRecord("First aid", date(2025, 1, 1), date(2024, 1, 1)),),
    )
    problems = validate_volunteer(volunteer, TODAY)
    assert fields(problems) == ["ended_on", "dbs_checked_on", "training.expires_on"]
    assert problems[0].message == (
        "The end date (1 January 2023) is before the start date (1 January 2024)."
    )


@pytest.mark.parametrize("hours", [0, -1, 25])
def test_hours_must_fit_in_a_day(hours: float) -> None:
    (problem,) = validate_hours(VolunteerHours.of_hours("v", date(2025, 6, 1), hours), TODAY)
    assert problem.field == "hours"
    assert f"you entered {hours:g}" in problem.message


def test_dbs_renewal_date_rolls_leap_days() -> None:
    assert dbs_due_on(date(2022, 3, 1)) == date(2025, 3, 1)
    assert dbs_due_on(date(2024, 2, 29)) == date(2027, 2, 28)


def test_case_study_needs_a_person_and_a_title() -> None:
    problems = validate_case_study(CaseStudy("", date(2025, 1, 1), ""), TODAY)
    assert fields(problems) == ["person_id", "title"]
