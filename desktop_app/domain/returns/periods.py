"""The period a return covers: any dates, or a preset funders use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.problems import long_date


class PeriodError(ValueError):
    """A period that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"The period ends ({long_date(self.end)}) before it starts "
                f"({long_date(self.start)}). Swap the two dates."
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @staticmethod
    def financial_year(first_year: int) -> Period:
        """The UK financial year starting 1 April `first_year` (e.g. 2024 gives 2024-25)."""
        return Period(date(first_year, 4, 1), date(first_year + 1, 3, 31))

    @staticmethod
    def financial_year_containing(day: date) -> Period:
        """The financial year (April to March) `day` falls in."""
        return Period.financial_year(day.year if day.month >= 4 else day.year - 1)

    @staticmethod
    def calendar_year(year: int) -> Period:
        return Period(date(year, 1, 1), date(year, 12, 31))

    @staticmethod
    def quarter(first_year: int, number: int) -> Period:
        """Quarter 1 to 4 of the financial year starting 1 April `first_year`: Q1 is
        April to June, Q4 is January to March of the next year."""
        if number not in (1, 2, 3, 4):
            raise PeriodError(f"A quarter is numbered 1 to 4, not {number}.")
        start_month = 4 + 3 * (number - 1)
        year = first_year + (start_month - 1) // 12
        month = (start_month - 1) % 12 + 1
        return Period(date(year, month, 1), _last_day(year, month + 2))

    @property
    def label(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM", in order."""
        months = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def month_label(month: str, short: bool = False) -> str:
    """ "2024-04" as "April 2024" (or "Apr 24" when `short`)."""
    first = date.fromisoformat(f"{month}-01")
    return f"{first:%b %y}" if short else f"{first:%B %Y}"


def _last_day(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)
