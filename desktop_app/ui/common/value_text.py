"""How dates, times and numbers are written on screen, the same on every screen."""

from __future__ import annotations

from datetime import date, time


def short_date(day: date | None) -> str:
    """A date for a table cell: "3 Mar 2025", or "" when there is none."""
    return f"{day.day} {day:%b %Y}" if day is not None else ""


def clock_time(moment: time | None) -> str:
    """ "10:30", or "" when there is no time."""
    return moment.strftime("%H:%M") if moment is not None else ""


def hours_text(hours: float) -> str:
    """ "12.5", "3" or "1,204.3": one decimal place, none when it is a whole number."""
    return f"{hours:,.1f}".removesuffix(".0")
