"""How dates, times and numbers are written on screen, the same on every screen."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal


def short_date(day: date | None) -> str:
    """A date for a table cell: "3 Mar 2025", or "" when there is none."""
    return f"{day.day} {day:%b %Y}" if day is not None else ""


def clock_time(moment: time | None) -> str:
    """ "10:30", or "" when there is no time."""
    return moment.strftime("%H:%M") if moment is not None else ""


def hours_text(hours: Decimal) -> str:
    """ "12.5", "3", "1.25" or "1,204.3": hours to the hundredth, as exact as they were
    recorded (20 minutes shows as "0.33"); no decimals when it is a whole number."""
    text = f"{hours:,.2f}".rstrip("0")
    return text.removesuffix(".")
