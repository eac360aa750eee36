"""The status pipeline on hand-made referrals: which stage, when it was responded to, how
long it waited in working days, when it is overdue, and what one keystroke records next."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.referrals.pipeline import (
    Stage,
    closed,
    moved_on,
    next_recorded_step,
    progress,
)
from desktop_app.domain.referrals.records import Referral, validate_referral

THURSDAY_BEFORE_EASTER = date(2026, 4, 2)


def referral(**changes: object) -> Referral:
    base = Referral("person-1", THURSDAY_BEFORE_EASTER, "social_prescribing")
    return Referral(**{**base.__dict__, **changes})


def test_stages_follow_recorded_steps_then_attendance() -> None:
    r = referral()
    assert progress(r, []).stage is Stage.RECEIVED
    r = moved_on(r, Stage.CONTACT_ATTEMPTED, date(2026, 4, 7))
    assert progress(r, []).stage is Stage.CONTACT_ATTEMPTED
    r = moved_on(r, Stage.CONTACTED, date(2026, 4, 8))
    assert progress(r, []).stage is Stage.CONTACTED
    # A session before the referral does not count; sessions since it do.
    sessions = [date(2026, 3, 1), date(2026, 4, 14), date(2026, 4, 21)]
    p = progress(r, sessions)
    assert (p.stage, p.first_session_on, p.sessions_attended) == (
        Stage.FIRST_SESSION,
        date(2026, 4, 14),
        2,
    )
    p = progress(r, [*sessions, date(2026, 4, 28)])
    assert (p.stage, p.engaged_on) == (Stage.ENGAGED, date(2026, 4, 28))
    assert progress(closed(r, "completed", date(2026, 6, 1)), sessions).stage is Stage.CLOSED


def test_waiting_is_counted_in_working_days_across_bank_holidays() -> None:
    p = progress(referral(), [])
    # Received Thursday 2 April; Good Friday and Easter Monday are holidays.
    assert p.working_days_waited(date(2026, 4, 7)) == 1
    assert p.working_days_waited(date(2026, 4, 13)) == 5
    assert not p.overdue(date(2026, 4, 13), 5)  # five working days: not yet overdue
    assert p.overdue(date(2026, 4, 14), 5)
    answered = progress(referral(contact_attempted_on=date(2026, 4, 8)), [])
    assert answered.responded_on == date(2026, 4, 8)
    assert answered.working_days_waited(date(2026, 5, 1)) == 2  # stops at the response
    assert not answered.overdue(date(2026, 5, 1), 5)


def test_a_first_session_is_a_response_and_a_first_contact() -> None:
    p = progress(referral(), [date(2026, 4, 9)])
    assert p.responded_on == p.first_contact_on == date(2026, 4, 9)
    assert not p.waiting()


def test_one_keystroke_records_the_next_step_until_attendance_takes_over() -> None:
    r = referral()
    assert next_recorded_step(progress(r, [])) is Stage.CONTACT_ATTEMPTED
    r = moved_on(r, Stage.CONTACT_ATTEMPTED, date(2026, 4, 7))
    assert next_recorded_step(progress(r, [])) is Stage.CONTACTED
    r = moved_on(r, Stage.CONTACTED, date(2026, 4, 7))
    assert next_recorded_step(progress(r, [])) is None
    assert next_recorded_step(progress(referral(), [date(2026, 4, 9)])) is None
    with pytest.raises(ValueError):
        moved_on(r, Stage.ENGAGED, date(2026, 4, 7))


def test_validation_in_plain_words() -> None:
    today = date(2026, 4, 30)
    bad = referral(
        source_kind="doctor",
        contacted_on=date(2026, 3, 1),
        closed_on=date(2026, 4, 10),
        needs=("loneliness", "boredom"),
    )
    fields = {p.field: p.message for p in validate_referral(bad, today)}
    assert set(fields) == {"source_kind", "contacted_on", "closed_reason", "needs"}
    assert "before the date received" in fields["contacted_on"]
    assert validate_referral(referral(needs=("low_mood",)), today) == []
