"""A list as the screen shows it, ready to print or save: what it is ("People"), its filters in
plain words, its columns and every row as text, and whether it holds personal data.

The title joins the list's name and its filters: "People — current people — search 'smith' —
sorted by Name". A list with names, references or contact details carries the personal data
marking at its top (and on every page of a PDF; as the first row of a CSV file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop_app.services import settings
from desktop_app.store.database import Database

PERSONAL_DATA_MARK = "Contains personal data — keep safe, do not email unencrypted"
TITLE_SEPARATOR = " — "


@dataclass(frozen=True)
class ShownList:
    name: str  # "People"
    filters: tuple[str, ...]  # "current people", "search 'smith'", "sorted by Name"
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    personal: bool
    organisation: str
    made_at: datetime
    widths: tuple[int, ...] = ()  # each column's share of the width (its width on screen)
    right_aligned: frozenset[int] = frozenset()  # the columns of numbers

    @property
    def title(self) -> str:
        return TITLE_SEPARATOR.join([self.name, *self.filters])

    @property
    def made(self) -> str:
        """ "Riverside Peer Support · made on 3 December 2026 at 14:05" """
        when = f"made on {self.made_at.day} {self.made_at:%B %Y at %H:%M}"
        return f"{self.organisation} · {when}" if self.organisation else when.capitalize()

    @property
    def column_widths(self) -> tuple[int, ...]:
        if len(self.widths) == len(self.columns):
            return self.widths
        return tuple(12 for _ in self.columns)

    def rows_text(self) -> str:
        return f"{len(self.rows):,} row{'' if len(self.rows) == 1 else 's'}"


def shown_list(
    db: Database,
    name: str,
    filters: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    personal: bool,
    widths: Sequence[int] = (),
    right_aligned: Sequence[int] = (),
) -> ShownList:
    """The list, with the organisation's name and the time it was made."""
    return ShownList(
        name=name,
        filters=tuple(filters),
        columns=tuple(columns),
        rows=tuple(tuple(row) for row in rows),
        personal=personal,
        organisation=settings.organisation_name(db),
        made_at=datetime.now(),
        widths=tuple(widths),
        right_aligned=frozenset(right_aligned),
    )
