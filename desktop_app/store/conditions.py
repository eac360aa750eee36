"""WHERE clauses built from optional filters, with their parameters kept beside them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from desktop_app.domain.listing import Page, Paged
from desktop_app.store.connection import Connection

RowT = TypeVar("RowT")


@dataclass
class Conditions:
    clauses: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def where(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def order_by(columns: tuple[str, ...], descending: bool, tiebreak: str) -> str:
    """ORDER BY whitelisted columns, then a unique column so that pages never overlap."""
    direction = "DESC" if descending else "ASC"
    return "ORDER BY " + ", ".join(f"{c} {direction}" for c in (*columns, tiebreak))


def fetch_page(
    conn: Connection,
    select: str,
    source: str,
    where: Conditions,
    order: str,
    page: Page,
    convert: Callable[[Any], RowT],
) -> Paged[RowT]:
    """One page of `select source where order`, with the number of rows over all pages."""
    count = conn.execute(f"SELECT COUNT(*) {source} {where.where()}", where.params)
    total = int(count.fetchone()[0])
    rows = conn.execute(
        f"{select} {source} {where.where()} {order} LIMIT ? OFFSET ?",
        (*where.params, max(page.limit, 0), max(page.offset, 0)),
    )
    return Paged([convert(row) for row in rows], total, page)
