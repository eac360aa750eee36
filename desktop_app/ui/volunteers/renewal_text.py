"""DBS checks and training in the plain words of the Volunteers list: "Due in 3 weeks",
"Overdue since 12 Mar 2026", "Not recorded". Whether something is due is the domain's rule
(`domain.renewals`); this only words it."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.listing import TrainingState
from desktop_app.domain.problems import long_date
from desktop_app.domain.renewals import Renewal
from desktop_app.domain.volunteers import describe_due
from desktop_app.ui.common.value_text import short_date


def in_time(due_on: date, today: date) -> str:
    """ "today", "tomorrow", "in 5 days", "in 3 weeks" (to the nearest week from two weeks)."""
    days = (due_on - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    return f"in {round(days / 7)} weeks"


def dbs_text(state: Renewal, due_on: date | None, today: date) -> str:
    if state is Renewal.NOT_RECORDED or due_on is None:
        return "Not recorded"
    if state is Renewal.OVERDUE:
        return f"Overdue since {short_date(due_on)}"
    if state is Renewal.DUE_SOON:
        return f"Due {in_time(due_on, today)}"
    return f"In date until {short_date(due_on)}"


def dbs_tooltip(due_on: date | None, today: date) -> str:
    if due_on is None:
        return "No DBS check recorded. Add the date of the check to the volunteer's record."
    return f"DBS check: renewal {describe_due(due_on, today)}"


def training_text(training: TrainingState, today: date) -> str:
    expiry = training.next_expiry
    if training.renewal is Renewal.NOT_RECORDED:
        return "None recorded"
    if expiry is None or training.renewal is Renewal.IN_DATE:
        return f"In date until {short_date(expiry)}" if expiry else "In date"
    when = f"Expired {short_date(expiry)}"
    if training.renewal is Renewal.DUE_SOON:
        when = f"Expires {in_time(expiry, today)}"
    more = f" and {training.due - 1} more" if training.due > 1 else ""
    return f"{when}: {training.next_course}{more}"


def training_tooltip(training: TrainingState, today: date) -> str:
    """How many courses, which runs out first and when, and how many need renewing."""
    if training.renewal is Renewal.NOT_RECORDED:
        return "No training recorded."
    courses = f"{training.courses} course{'' if training.courses == 1 else 's'} recorded."
    expiry = training.next_expiry
    if expiry is None:
        never = "It does not run out." if training.courses == 1 else "None of them runs out."
        return f"{courses} {never}"
    runs = "ran" if expiry < today else "runs"
    first = f"{training.next_course} {runs} out first, on {long_date(expiry)}."
    due = f" {training.due} to renew now or soon." if training.due > 1 else ""
    return f"{courses} {first}{due}"
