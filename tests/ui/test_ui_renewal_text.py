"""How the Volunteers list words DBS checks and training."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.listing import TrainingState
from desktop_app.domain.renewals import Renewal
from desktop_app.ui.volunteers.renewal_text import (
    dbs_text,
    in_time,
    training_text,
    training_tooltip,
)

TODAY = date(2026, 3, 1)


def later(days: int) -> date:
    return TODAY + timedelta(days=days)


def test_time_until_due_in_days_then_weeks() -> None:
    assert [in_time(later(n), TODAY) for n in (0, 1, 13, 14, 20, 60)] == [
        "today",
        "tomorrow",
        "in 13 days",
        "in 2 weeks",
        "in 3 weeks",
        "in 9 weeks",
    ]


def test_dbs_words() -> None:
    assert dbs_text(Renewal.NOT_RECORDED, None, TODAY) == "Not recorded"
    assert dbs_text(Renewal.OVERDUE, date(2026, 2, 12), TODAY) == "Overdue since 12 Feb 2026"
    assert dbs_text(Renewal.DUE_SOON, later(1), TODAY) == "Due tomorrow"
    assert dbs_text(Renewal.IN_DATE, date(2028, 5, 3), TODAY) == "In date until 3 May 2028"


def test_training_words() -> None:
    expired = TrainingState(3, Renewal.OVERDUE, date(2026, 1, 5), "First aid", 2)
    assert training_text(expired, TODAY) == "Expired 5 Jan 2026: First aid and 1 more"
    assert training_tooltip(expired, TODAY) == (
        "3 courses recorded. First aid ran out first, on 5 January 2026. 2 to renew now or soon."
    )
    soon = TrainingState(1, Renewal.DUE_SOON, later(0), "Safeguarding", 1)
    assert training_text(soon, TODAY) == "Expires today: Safeguarding"
    never = TrainingState(1, Renewal.IN_DATE, None, "", 0)
    assert training_text(never, TODAY) == "In date"
    assert training_tooltip(never, TODAY) == "1 course recorded. It does not run out."
    none = TrainingState(0, Renewal.NOT_RECORDED, None, "", 0)
    assert training_text(none, TODAY) == "None recorded"
