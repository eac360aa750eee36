"""WHERE clauses built from optional filters, with their parameters kept beside them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop_app.domain.listing import Page, Paged
from desktop_app.store.columns import like_pattern
from desktop_app.store.connection import Connection

RowT = TypeVar("RowT")


@dataclass
class Conditions:
    clauses: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def add_search(self, text: str, *columns: str) -> None:
        """Rows where any of `columns` contains what was typed in a list's search box; no
        condition when nothing was."""
        pattern = search_pattern(text)
        if pattern is not None:
            self.add(contains(columns), *[pattern] * len(columns))

    def where(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def search_pattern(text: str) -> str | None:
    """The LIKE pattern for what was typed in a search box (runs of spaces made one; `%` and
    `_` match themselves), or None when only spaces were typed."""
    words = " ".join(text.split())
    return like_pattern(words) if words else None


def contains(columns: Sequence[str], placeholder: str = "?") -> str:
    """SQL true when any of `columns` contains the `search_pattern` bound to `placeholder`
    (bind a `?` once for each column, a named placeholder once)."""
    return "(" + " OR ".join(f"{c} LIKE {placeholder} ESCAPE '\\'" for c in columns) + ")"


def order_by(
    columns: tuple[str, ...], descending: bool, tiebreak: str, first: tuple[str, ...] = ()
) -> str:
    """ORDER BY whitelisted columns, then a unique column so that pages never overlap.
    `first` are terms that come before, whichever way the list is sorted ("x DESC")."""
    direction = "DESC" if descending else "ASC"
    return "ORDER BY " + ", ".join((*first, *(f"{c} {direction}" for c in (*columns, tiebreak))))


@dataclass(frozen=True)
class ListQuery:
    """What a list shows. `columns` are computed only for the rows of the page asked for, after
    sorting and paging on `table`, so that costly ones (counts, the last attendance) never run
    over a whole table of 100,000 rows."""

    columns: str
    table: str
    alias: str
    joins: str = ""  # tables the columns need, joined to the page's rows

    def select(self) -> str:
        """The same columns for a query of one's own (`... WHERE alias.uuid = ?`)."""
        return f"SELECT {self.columns} FROM {self.table} {self.alias} {self.joins}"


def fetch_page(
    conn: Connection,
    query: ListQuery,
    where: Conditions,
    order: str,
    page: Page,
    convert: Callable[[Any], RowT],
) -> Paged[RowT]:
    """One page of `query`, filtered and sorted, with the number of rows over all pages."""
    source = f"FROM {query.table} {query.alias} {where.where()}"
    total = int(conn.execute(f"SELECT COUNT(*) {source}", where.params).fetchone()[0])
    rows = conn.execute(
        f"SELECT {query.columns} FROM (SELECT {query.alias}.* {source} {order} LIMIT ? OFFSET ?) "
        f"AS {query.alias} {query.joins} {order}",
        (*where.params, max(page.limit, 0), max(page.offset, 0)),
    )
    return Paged([convert(row) for row in rows], total, page)
