"""Working days: Monday to Friday, except the bank holidays of England and Wales.

The bank holidays come from the list shipped in resources/reference/bank-holidays-england-and-
wales.json (copied from GOV.UK, with the years it covers). For years outside that list PeerLog
works out the regular holidays by their rules (New Year's Day, Good Friday, Easter Monday, the
first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, moved to
the next weekday when they fall at a weekend); one-off holidays (a coronation, a state funeral)
are not known until the list is updated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from desktop_app.resources import resource_path

HOLIDAYS_FILE = "bank-holidays-england-and-wales.json"
_WEEK = 7
_WORKING_DAYS_A_WEEK = 5


def easter_sunday(year: int) -> date:
    """The Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def regular_bank_holidays(year: int) -> frozenset[date]:
    """The holidays England and Wales have every year, with substitute days for weekends."""
    easter = easter_sunday(year)
    new_year = date(year, 1, 1)
    if new_year.weekday() >= 5:
        new_year = _monday_on_or_after(new_year)
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: Christmas moves to Monday, Boxing Day to Tuesday
        christmas, boxing = christmas + timedelta(days=2), boxing + timedelta(days=2)
    elif christmas.weekday() == 6:  # Sunday: Christmas moves to Tuesday, Boxing Day is Monday
        christmas = christmas + timedelta(days=2)
    elif boxing.weekday() == 5:  # Christmas on Friday, Boxing Day on Saturday: Monday
        boxing = boxing + timedelta(days=2)
    return frozenset(
        {
            new_year,
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            _monday_on_or_after(date(year, 5, 1)),
            _last_monday(year, 5),
            _last_monday(year, 8),
            christmas,
            boxing,
        }
    )


@dataclass(frozen=True)
class BankHolidays:
    """The shipped list (from `first_year` to `last_year`), and the rules for other years."""

    listed: frozenset[date]
    first_year: int
    last_year: int
    source: str

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def is_holiday(self, day: date) -> bool:
        if self.covers(day.year):
            return day in self.listed
        return day in regular_bank_holidays(day.year)

    def between(self, after: date, up_to: date) -> Iterable[date]:
        """The weekday holidays after `after`, up to and including `up_to`."""
        for year in range(after.year, up_to.year + 1):
            days = (
                {d for d in self.listed if d.year == year}
                if self.covers(year)
                else regular_bank_holidays(year)
            )
            yield from (d for d in days if after < d <= up_to and d.weekday() < 5)


@cache
def england_and_wales() -> BankHolidays:
    with resource_path("reference", HOLIDAYS_FILE).open(encoding="utf-8") as f:
        data = json.load(f)
    return BankHolidays(
        listed=frozenset(date.fromisoformat(entry["date"]) for entry in data["dates"]),
        first_year=int(data["first_year"]),
        last_year=int(data["last_year"]),
        source=str(data["source"]),
    )


def _weekdays_after(after: date, up_to: date) -> int:
    """Mondays to Fridays after `after`, up to and including `up_to`."""
    if up_to <= after:
        return 0
    days = (up_to - after).days
    weeks, rest = divmod(days, _WEEK)
    count = weeks * _WORKING_DAYS_A_WEEK
    for offset in range(1, rest + 1):
        if (after + timedelta(days=weeks * _WEEK + offset)).weekday() < 5:
            count += 1
    return count


def working_days_between(start: date, end: date, holidays: BankHolidays | None = None) -> int:
    """Working days after `start`, up to and including `end` (0 when `end` is not later): a
    referral received on a Friday and answered on the Monday was answered in 1 working day."""
    calendar = holidays or england_and_wales()
    if end <= start:
        return 0
    return _weekdays_after(start, end) - sum(1 for _ in calendar.between(start, end))
