"""What the Home screen shows: this month at a glance, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from desktop_app.domain.people import PersonSummary
from desktop_app.domain.referrals.pipeline import DEFAULT_OVERDUE_DAYS, ReferralRow
from desktop_app.domain.safeguarding import ConcernRow


@dataclass(frozen=True)
class PeriodFigures:
    start: date
    end: date  # inclusive
    sessions: int
    registered_attendances: int
    anonymous_headcount: int
    people: int  # different registered people who came
    volunteer_hours: Decimal  # exact

    @property
    def attendances(self) -> int:
        return self.registered_attendances + self.anonymous_headcount


@dataclass(frozen=True)
class DbsDue:
    volunteer_id: str
    name: str
    checked_on: date
    due_on: date


@dataclass(frozen=True)
class TrainingDue:
    volunteer_id: str
    name: str
    course: str
    expires_on: date


@dataclass(frozen=True)
class Attention:
    dbs_due: list[DbsDue]
    training_due: list[TrainingDue]
    people_without_consent: list[PersonSummary]  # the first few, by name
    people_without_consent_total: int
    # Safeguarding concerns not yet resolved that the user may see, the longest open first.
    open_concerns: list[ConcernRow]
    # Waiting for a response longer than the set number of working days, oldest first.
    overdue_referrals: list[ReferralRow] = field(default_factory=list)
    referral_answer_days: int = (
        DEFAULT_OVERDUE_DAYS  # working days a referral may wait before it is overdue
    )

    @property
    def is_empty(self) -> bool:
        return not (
            self.dbs_due
            or self.training_due
            or self.people_without_consent_total
            or self.open_concerns
            or self.overdue_referrals
        )


def month_containing(day: date) -> tuple[date, date]:
    """The first and last day of the month `day` is in."""
    start = day.replace(day=1)
    next_month = (start + timedelta(days=32)).replace(day=1)
    return start, next_month - timedelta(days=1)


def twelve_months_to(day: date) -> tuple[date, date]:
    """The first day of the month eleven months before `day`'s, and the last day of `day`'s
    month: twelve whole months ending with this one."""
    year, month = divmod(day.year * 12 + day.month - 1 - 11, 12)
    return date(year, month + 1, 1), month_containing(day)[1]
