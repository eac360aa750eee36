"""Volunteers (peer supporters), their training and DBS checks, and the hours they give."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

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
    volunteer_id: str
    worked_on: date
    hours: float
    activity: str = FACILITATING
    session_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


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
    if not 0 < hours.hours <= MAX_HOURS_A_DAY:
        problems.append(
            Problem(
                "hours",
                f"Hours must be more than 0 and at most {MAX_HOURS_A_DAY} for one day "
                f"(you entered {hours.hours:g}).",
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
