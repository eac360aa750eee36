"""Reading one spreadsheet cell as a value: text, dates, yes/no, numbers, codes and lists.

A cell comes as text from a CSV file, or typed from a workbook (numbers, dates, true/false).
Every reader raises `BadCell` with what is expected, in plain English; a date that could be
read two ways, or does not exist, is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from desktop_app.domain.vocabularies import Vocabulary
from desktop_app.domain.volunteers import MINUTES_AN_HOUR, NotWholeMinutes, minutes_of

Cell = str | int | float | bool | date | time | None

EARLIEST_YEAR = 1900  # no date in an import is older (records themselves: see domain/problems)
DATE_EXPECTED = "Write dates as 2025-03-31 or 31/03/2025 (day, month, year)."
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SHORT_YEAR_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_YES = frozenset({"yes", "y", "true"})
_NO = frozenset({"no", "n", "false"})


class BadCell(ValueError):
    def __init__(self, expected: str, month_first: bool = False) -> None:
        super().__init__(expected)
        self.expected = expected
        self.month_first = month_first  # a date that only makes sense as month/day/year


def cell_text(cell: Cell) -> str:
    """The cell as the user would read it, spaces trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell).strip()


def is_blank(cell: Cell) -> bool:
    return cell_text(cell) == ""


def read_date(cell: Cell) -> date:
    day = _read_date(cell)
    if day.year < EARLIEST_YEAR:
        raise BadCell(f"The year {day.year} is too long ago: check it. {DATE_EXPECTED}")
    return day


def _read_date(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = cell_text(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise BadCell(f"This is a number, not a date. {DATE_EXPECTED}")
    iso = _ISO_DATE.fullmatch(text)
    uk = _UK_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    elif _SHORT_YEAR_DATE.fullmatch(text):
        raise BadCell(f"The year has only two digits, so the century is a guess. {DATE_EXPECTED}")
    else:
        raise BadCell(f"This is not a date PeerLog can read. {DATE_EXPECTED}")
    if uk and month > 12 and day <= 12:
        raise BadCell(
            f"There is no month {month}: this looks like month/day/year. {DATE_EXPECTED}",
            month_first=True,
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise BadCell(f"There is no such day. {DATE_EXPECTED}") from None


def could_be_month_first(cell: Cell) -> bool:
    """Whether a day/month/year text date would also be a date read month first (4/5/2025)."""
    uk = _UK_DATE.fullmatch(cell_text(cell)) if isinstance(cell, str) else None
    return uk is not None and int(uk[1]) <= 12 and int(uk[2]) <= 12 and int(uk[1]) != int(uk[2])


def read_time(cell: Cell) -> time:
    if isinstance(cell, datetime):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0)
    match = _TIME.fullmatch(cell_text(cell))
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    raise BadCell("Write the time as hours and minutes on a 24-hour clock, like 18:30.")


def read_yes_no(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return cell
    text = cell_text(cell).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadCell("Write yes or no (y, n, true and false also work).")


def read_whole_number(cell: Cell, what: str) -> int:
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    text = cell_text(cell).replace(",", "")
    if re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text)
    raise BadCell(f"Write {what} as a whole number, like 12.")


def read_minutes(cell: Cell) -> int:
    """Hours (1.5, 0.25, or hours and minutes like 1:20) as whole minutes, exactly; more
    precision than a minute is refused, never rounded silently."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        hours: Decimal | float | str = cell
    else:
        text = cell_text(cell)
        clock = re.fullmatch(r"(\d{1,4}):([0-5]\d)", text)
        if clock:
            return int(clock[1]) * MINUTES_AN_HOUR + int(clock[2])
        if not re.fullmatch(r"[+-]?(\d{1,9}(\.\d*)?|\.\d+)", text):
            raise BadCell(
                "Write the hours as a number, like 1.5, or as hours and minutes, like 1:20."
            )
        hours = text
    try:
        return minutes_of(hours)
    except NotWholeMinutes as refused:
        raise BadCell(str(refused)) from None


def read_code(cell: Cell, vocabulary: Vocabulary) -> str:
    code = vocabulary.code_for(cell_text(cell))
    if code is None:
        raise BadCell(f"Use one of the {vocabulary.name} codes or labels listed on the Read me.")
    return code


def read_list(cell: Cell) -> tuple[str, ...]:
    """Items separated by ";", each trimmed, empty ones dropped."""
    return tuple(item.strip() for item in cell_text(cell).split(";") if item.strip())


def read_scores(cell: Cell) -> tuple[int | None, ...]:
    """Item scores separated by ";", an empty place for an item not answered ("4;;3")."""
    scores: list[int | None] = []
    for part in cell_text(cell).split(";"):
        text = part.strip()
        if not text:
            scores.append(None)
        elif text.lstrip("-").isdigit() and len(text) < 6:
            scores.append(int(text))
        else:
            raise BadCell(
                "Write the item scores as whole numbers separated by ; like 4;3;5 (leave a "
                "place empty for an item not answered: 4;;5)."
            )
    return tuple(scores)
