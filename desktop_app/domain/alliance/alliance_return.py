"""The alliance return: a row per figure with each member's value and the alliance total, and
how that total may be read. Built only from what members published, so it can say no more about
anyone than their own returns did."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from desktop_app.domain.alliance.labels import Place
from desktop_app.domain.alliance.member_return import Cell, MemberReturn

# exact: the members' exact figures added up; at_least: some member hid its figure (or left out
# a category of its own), so the true total is this or more; adjusted: members' adjusted counts
# added up, right on average but not exact; weighted_mean: from the members showing both the
# number of people and the mean; not_shown: no member showed enough to give one.
TotalHow = Literal["exact", "at_least", "adjusted", "weighted_mean", "not_shown"]


@dataclass(frozen=True)
class Total:
    value: int | float | None
    how: TotalHow
    added_up_people: bool  # counts of unique people: someone at two members counts twice
    from_members: int  # how many members' figures went into it
    note: str = ""


@dataclass(frozen=True)
class Row:
    pointer: str
    place: Place
    cells: tuple[Cell | None, ...]  # one per member, None when not in that member's return
    total: Total


@dataclass(frozen=True)
class Block:
    """A table of the alliance return: one section's figures, or one of its tables."""

    section: str
    heading: str
    table: str | None
    title: str | None
    rows: tuple[Row, ...]

    @property
    def all_people(self) -> bool:
        return all(row.total.added_up_people for row in self.rows)


@dataclass(frozen=True)
class AllianceReturn:
    members: tuple[MemberReturn, ...]
    period: tuple[date, date]
    template: str
    template_version: str
    method: str
    threshold: int
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]  # said before the figures: e.g. a member sent two returns

    @property
    def perturbed(self) -> bool:
        return self.method == "cell_key_perturbation"

    def rows(self) -> Iterator[Row]:
        for block in self.blocks:
            yield from block.rows


HOW_WORDS: dict[TotalHow, str] = {
    "exact": "exact",
    "at_least": "at least (a member hid its figure)",
    "adjusted": "adjusted counts added up (unbiased)",
    "weighted_mean": "weighted mean",
    "not_shown": "not shown",
}
