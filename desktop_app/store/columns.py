"""Turning domain values into column values and back: dates as ISO text, times as HH:MM,
booleans as 0/1, short lists as newline-separated text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time


def date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def to_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def to_required_date(text: str) -> date:
    return date.fromisoformat(text)


def time_text(at: time | None) -> str | None:
    return None if at is None else at.strftime("%H:%M")


def to_time(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def lines_text(items: Iterable[str]) -> str:
    return "\n".join(items)


def to_lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line)


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere (with `ESCAPE '\\'`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prefix_pattern(text: str) -> str:
    return like_pattern(text)[1:]
