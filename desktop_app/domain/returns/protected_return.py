"""A return after disclosure control: exactly what every format shows, and nothing more.

Formats (PDF, spreadsheet, CSV, JSON) render a `ProtectedReturn` and nothing else, so the same
numbers appear in each and no exact small count can reach any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.periods import Period

# people: a count of people (protected); count: of sessions (shown as it is); hours, money
# (pounds), rate (pounds an hour); mean and change (shown only when based on k people or more).
Kind = Literal["people", "count", "hours", "money", "rate", "mean", "change", "days"]
Chart = Literal["none", "bars", "months"]


@dataclass(frozen=True)
class Figure:
    code: str  # fixed code, the key in JSON
    label: str
    value: int | float | None  # None when hidden
    suppressed: bool
    kind: Kind
    perturbed: bool = False  # a count of people published through the perturbation table


@dataclass(frozen=True)
class Table:
    code: str  # fixed code, the key in JSON
    title: str
    rows: tuple[Figure, ...]
    total: Figure | None = None  # shown as a last row; in JSON it is a figure of its own
    chart: Chart = "none"


@dataclass(frozen=True)
class TextBlock:
    title: str
    text: str


@dataclass(frozen=True)
class Section:
    code: str  # the template's section code
    heading: str  # the template's heading
    json_key: str  # where the section sits in the JSON file
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    texts: tuple[TextBlock, ...] = ()
    charts: tuple[Table, ...] = ()  # drawn in the PDF only; their numbers are in `tables`


@dataclass(frozen=True)
class ProtectedReturn:
    organisation: str
    period: Period
    template: str
    rules: DisclosureRules
    headline: tuple[Figure, ...]  # the few numbers for the PDF cover; all are in `sections` too
    sections: tuple[Section, ...]
    identifier: str = ""  # the organisation's org-id (GB-CHC-1234567), "" when not set
    template_version: str = "1"

    def all_figures(self) -> Iterator[tuple[Section, Table | None, Figure]]:
        """Every number in the return once (table totals included), in reading order."""
        for section in self.sections:
            for figure in section.figures:
                yield section, None, figure
            for table in section.tables:
                for figure in table.rows:
                    yield section, table, figure
                if table.total is not None:
                    yield section, table, table.total
