"""Volunteers (peer supporters), their training and DBS checks, and the hours they give."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import (
    Problem,
    long_date,
    not_before,
    not_in_future,
    optional_text,
    required_text,
)

NAME_MAX = 80
REF_MAX = 20
ROLE_MAX = 60
COURSE_MAX = 120
ACTIVITY_MAX = 120
MAX_HOURS_A_DAY = 24
MINUTES_AN_HOUR = 60
VOLUNTEER_REF_PREFIX = "V-"
DBS_RENEWAL_YEARS = 3  # PeerLog reminds the coordinator to renew a DBS check after this long

FACILITATING = "Facilitating a session"
SUGGESTED_ACTIVITIES = (
    FACILITATING,
    "Preparation",
    "Training",
    "Supervision",
    "Outreach",
    "Admin",
)


@dataclass(frozen=True)
class TrainingRecord:
    course: str
    completed_on: date
    expires_on: date | None = None  # None: never needs renewing
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Volunteer:
    name: str
    ref: str = ""  # generated ("V-0001") when empty
    roles: tuple[str, ...] = ()
    started_on: date | None = None
    ended_on: date | None = None
    lived_experience: bool = False
    dbs_checked_on: date | None = None
    training: tuple[TrainingRecord, ...] = ()
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""

    def is_active(self, today: date) -> bool:
        return self.ended_on is None or self.ended_on >= today


@dataclass(frozen=True)
class VolunteerSummary:
    id: str
    ref: str
    name: str
    active: bool


@dataclass(frozen=True)
class VolunteerHours:
    """Time given, kept as whole minutes so that hours add up exactly (127.8 + 3.5 is 131.3,
    never 131.29999...). `of_hours` makes one from hours as people write them."""

    volunteer_id: str
    worked_on: date
    minutes: int
    activity: str = FACILITATING
    session_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
            raise TypeError(f"minutes must be a whole number, not {self.minutes!r}")

    @property
    def hours(self) -> Decimal:
        return hours_in(self.minutes)

    @staticmethod
    def of_hours(
        volunteer_id: str,
        worked_on: date,
        hours: Decimal | float | str,
        activity: str = FACILITATING,
        session_id: str | None = None,
    ) -> VolunteerHours:
        """Raises NotWholeMinutes when `hours` is more precise than a minute."""
        return VolunteerHours(volunteer_id, worked_on, minutes_of(hours), activity, session_id)


class NotWholeMinutes(ValueError):
    """Hours more precise than a minute (0.33 hours is 19.8 minutes); the message says what to
    write instead."""


def exact_hours(hours: Decimal | float | str) -> Decimal:
    """Hours as the decimal number people wrote: a float is taken as its shortest spelling, so
    1.1 is 1.1 and not 1.100000000000000088817841970012523."""
    return hours if isinstance(hours, Decimal) else Decimal(str(hours))


def minutes_of(hours: Decimal | float | str) -> int:
    """Hours as whole minutes, exactly; NotWholeMinutes when they are not a whole number."""
    amount = exact_hours(hours)
    minutes = amount * MINUTES_AN_HOUR
    if not minutes.is_finite() or minutes != minutes.to_integral_value():
        raise NotWholeMinutes(
            f"{amount} hours is {minutes.normalize():f} minutes: PeerLog keeps hours to the "
            f"minute. Round it to a whole minute (like 1.25 or 1.5), or write hours and "
            f"minutes (like 1:20)."
        )
    return int(minutes)


def hours_written(minutes: int) -> Decimal | str:
    """Hours as a file holds them, so that reading them back gives the same minutes: a decimal
    when it is exact (150 minutes: 2.5; every multiple of 3 minutes is), else hours and minutes
    ("0:20")."""
    if minutes % 3 == 0:
        return hours_in(minutes)
    return f"{minutes // MINUTES_AN_HOUR}:{minutes % MINUTES_AN_HOUR:02d}"


def hours_in(minutes: int) -> Decimal:
    """Minutes as hours: exact for any total of whole minutes a decimal can hold (every
    multiple of 3 minutes), otherwise to 28 significant digits."""
    return Decimal(minutes) / MINUTES_AN_HOUR


def dbs_due_on(checked_on: date, years: int = DBS_RENEWAL_YEARS) -> date:
    """When a DBS check is due for renewal, `years` after it (29 February rolls to 28)."""
    year = checked_on.year + years
    try:
        return checked_on.replace(year=year)
    except ValueError:
        return checked_on.replace(year=year, day=28)


def cleaned_volunteer(volunteer: Volunteer) -> Volunteer:
    roles = tuple(dict.fromkeys(" ".join(r.split()) for r in volunteer.roles if r.strip()))
    training = tuple(replace(t, course=" ".join(t.course.split())) for t in volunteer.training)
    return replace(
        volunteer,
        name=" ".join(volunteer.name.split()),
        ref=volunteer.ref.strip(),
        roles=roles,
        training=training,
    )


def validate_volunteer(volunteer: Volunteer, today: date) -> list[Problem]:
    v = cleaned_volunteer(volunteer)
    problems = required_text(v.name, "name", "The volunteer's name", NAME_MAX)
    problems += optional_text(v.ref, "ref", "The reference", REF_MAX)
    for role in v.roles:
        problems += optional_text(role, "roles", f'The role "{role[:20]}…"', ROLE_MAX)
    problems += not_before(v.ended_on, v.started_on, "ended_on", "The end date", "the start date")
    problems += not_in_future(v.dbs_checked_on, "dbs_checked_on", "DBS check date", today)
    for record in v.training:
        problems += validate_training(record, today)
    return problems


def validate_training(record: TrainingRecord, today: date) -> list[Problem]:
    problems = required_text(record.course, "training.course", "The course name", COURSE_MAX)
    problems += not_in_future(
        record.completed_on, "training.completed_on", "Completion date", today
    )
    problems += not_before(
        record.expires_on,
        record.completed_on,
        "training.expires_on",
        "The expiry date",
        "the completion date",
    )
    return problems


def validate_hours(hours: VolunteerHours, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if not hours.volunteer_id:
        problems.append(Problem("volunteer_id", "Choose the volunteer who gave the time."))
    if not 0 < hours.minutes <= MAX_HOURS_A_DAY * MINUTES_AN_HOUR:
        problems.append(
            Problem(
                "hours",
                f"Hours must be more than 0 and at most {MAX_HOURS_A_DAY} for one day "
                f"(you entered {hours_in(hours.minutes).normalize():f}).",
            )
        )
    problems += not_in_future(hours.worked_on, "worked_on", "The date", today)
    problems += required_text(hours.activity, "activity", "The activity", ACTIVITY_MAX)
    return problems


def volunteer_ref(number: int) -> str:
    return f"{VOLUNTEER_REF_PREFIX}{number:04d}"


def describe_due(due_on: date, today: date) -> str:
    """'due 3 March 2025' or 'overdue since 3 March 2025'."""
    if due_on < today:
        return f"overdue since {long_date(due_on)}"
    return f"due {long_date(due_on)}"
