"""A person's or a volunteer's whole story: what PeerLog holds about them, in groups, newest
first, each line naming the record it opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

# What a line opens: a session in its form, a score in its correcting form, a case study, an
# hours entry; "" for a line that opens nothing of its own (consent, training: in the record).
Opens = Literal["session", "score", "case_study", "hours", "concern", ""]


@dataclass(frozen=True)
class StoryLine:
    on: date | None
    text: str
    opens: Opens = ""
    record_id: str = ""


@dataclass(frozen=True)
class StoryGroup:
    title: str
    lines: tuple[StoryLine, ...]
    none_yet: str  # what the group says when it has no lines


def newest_first(lines: list[StoryLine]) -> tuple[StoryLine, ...]:
    """Newest first; lines without a date last, in the order given."""
    dated = [line for line in lines if line.on is not None]
    dated.sort(key=lambda line: line.on or date.min, reverse=True)
    return (*dated, *(line for line in lines if line.on is None))
