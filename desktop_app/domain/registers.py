"""A register on paper for a group's next session: who is expected, with tick boxes, and blank
lines for newcomers. Many groups still pass a sign-in sheet round the room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

REGULARS_WEEKS = 8  # a regular came to this group within this many weeks
BLANK_LINES = 8  # for newcomers and anyone not listed


@dataclass(frozen=True)
class RegisterPerson:
    id: str
    known_as: str
    ref: str


@dataclass(frozen=True)
class Register:
    organisation: str
    kind: str  # a SESSION_KIND code
    venue: str
    held_on: date
    starts_at: time | None
    facilitators: tuple[str, ...]  # names
    regulars: tuple[RegisterPerson, ...]
    blank_lines: int = BLANK_LINES


def next_meeting(last: date | None, today: date) -> date:
    """A weekly group's next session: a week after the last one, and never before today."""
    if last is None:
        return today
    following = last + timedelta(weeks=1)
    while following < today:
        following += timedelta(weeks=1)
    return following


def regulars_since(held_on: date) -> date:
    return held_on - timedelta(weeks=REGULARS_WEEKS)
