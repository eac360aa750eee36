"""What a return counts, before disclosure control: the figures for one organisation and period.

These hold exact counts and must never leave PeerLog as they are; `protect_return` turns them
into a `ProtectedReturn`, the only thing any format renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.referrals.figures import ReferralFigures, no_referrals
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.volunteers import exact_hours

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class SessionFigures:
    total: int
    by_kind: Mapping[str, int]  # session kind code -> sessions
    by_mode: Mapping[str, int]  # delivery mode code -> sessions
    hours_delivered: float  # sum of session lengths
    per_month: Mapping[str, int]  # "YYYY-MM" -> sessions, every month of the period


@dataclass(frozen=True)
class AttendanceFigures:
    registered: int  # attendances of people on the register
    anonymous: int  # anonymous headcounts
    per_month: Mapping[str, int]  # "YYYY-MM" -> attendances of both kinds

    @property
    def total(self) -> int:
        return self.registered + self.anonymous


@dataclass(frozen=True)
class MonthCounts:
    """One month's sessions, attendances and different people who came: the figures per month
    the return and Home's charts both show, read by one query (store/returns/queries.py)."""

    month: str  # "YYYY-MM"
    sessions: int
    registered: int  # attendances of people on the register
    anonymous: int  # anonymous headcounts
    people: int  # different registered people who came

    @property
    def attendances(self) -> int:
        return self.registered + self.anonymous


@dataclass(frozen=True)
class ParticipantFigures:
    unique: int  # people who attended at least once in the period
    new: int  # of those, people whose first ever attendance is in the period


@dataclass(frozen=True)
class PeopleBreakdowns:
    """One-way breakdowns of the unique participants; each adds up to `participants.unique`."""

    by_age: Mapping[int | None, int]  # age on the period's last day (None: not known) -> people
    gender: Mapping[str, int]
    ethnicity: Mapping[str, int]  # the 19 groups and "not_stated"
    disability: Mapping[str, int]
    referral_source: Mapping[str, int]
    postcode_district: Mapping[str, int]  # e.g. "LS6"; "not_known" when none recorded


@dataclass(frozen=True)
class PeopleKeys:
    """The cell key of every count of people: the sum, modulo 256, of the record keys of the
    people counted (see domain/returns/ptable.py). The breakdowns have the counts' shape."""

    unique: int
    new: int
    breakdowns: PeopleBreakdowns
    volunteers_active: int
    training_completed: int
    dbs_in_date: int


@dataclass(frozen=True)
class OutcomeKeys:
    """Cell keys of an outcome's counts of people."""

    people: int
    improved: int
    worse: int
    no_change: int


@dataclass(frozen=True)
class VolunteerFigures:
    active: int  # facilitated a session or logged hours in the period
    hours: Decimal | float  # exact (Decimal) from the database
    hourly_rate: float  # the organisation's value of an hour of volunteering, in pounds
    training_completed: int  # volunteers who completed training in the period
    dbs_in_date: int  # volunteers whose DBS check is within the renewal interval at the end

    @property
    def value(self) -> float:
        """Hours × hourly rate, worked out in decimal and rounded half up to the penny."""
        exact = exact_hours(self.hours) * exact_hours(self.hourly_rate)
        return float(exact.quantize(PENNY, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OutcomeFigures:
    """Change on one measure (or one ONS4 item) for people with a baseline and a follow-up,
    by the pairing rule of `desktop_app.domain.outcomes.change`."""

    measure: str  # fixed code, e.g. "wemwbs" or "ons4_3"
    label: str
    people: int
    mean_baseline: float | None
    mean_follow_up: float | None
    mean_change: float | None
    improved: int
    worse: int
    no_change: int
    higher_is_better: bool = True  # False for loneliness and anxiety: a fall is an improvement
    keys: OutcomeKeys | None = None  # None: only exact figures can be published


@dataclass(frozen=True)
class CaseStudy:
    """A story the person agreed to share, already redacted and approved after a preview."""

    title: str
    text: str


@dataclass(frozen=True)
class ReturnFigures:
    organisation: str
    period: Period
    sessions: SessionFigures
    attendances: AttendanceFigures
    participants: ParticipantFigures
    breakdowns: PeopleBreakdowns
    volunteers: VolunteerFigures
    outcomes: tuple[OutcomeFigures, ...] = ()
    onward_referrals: Mapping[str, int] = field(default_factory=dict)  # destination -> referrals
    safeguarding_concerns: int = 0  # raised in the period (a count, never their text)
    safeguarding_resolved: int = 0  # resolved in the period
    case_studies: tuple[CaseStudy, ...] = ()
    referrals: ReferralFigures = field(default_factory=no_referrals)  # referrals received
    keys: PeopleKeys | None = None  # None: only exact figures can be published
