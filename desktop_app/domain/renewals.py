"""When a DBS check or a training course needs renewing: the one rule that Home's "needs
attention" list and the Volunteers list share."""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

ATTENTION_WINDOW_DAYS = 60  # warn this long before a DBS check or training runs out


class Renewal(Enum):
    NOT_RECORDED = "not recorded"
    OVERDUE = "overdue"  # the due date has passed
    DUE_SOON = "due soon"  # due today or within the attention window
    IN_DATE = "in date"


def needs_renewal(due_on: date, today: date, within_days: int = ATTENTION_WINDOW_DAYS) -> bool:
    """Due within `within_days` of `today`, or already overdue."""
    return due_on <= today + timedelta(days=within_days)


def renewal(due_on: date | None, today: date, within_days: int = ATTENTION_WINDOW_DAYS) -> Renewal:
    """How urgent renewing is, for something due on `due_on` (None: nothing recorded)."""
    if due_on is None:
        return Renewal.NOT_RECORDED
    if due_on < today:
        return Renewal.OVERDUE
    if needs_renewal(due_on, today, within_days):
        return Renewal.DUE_SOON
    return Renewal.IN_DATE
