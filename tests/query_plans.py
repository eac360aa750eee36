"""Tracing the SELECTs a call runs and asking SQLite how it plans each one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.store.database import Database


@dataclass(frozen=True)
class Step:
    id: int
    parent: int
    detail: str


def plans_of(db: Database, call: Callable[[], object]) -> list[list[Step]]:
    """The query plan of every SELECT that `call` runs."""
    conn = db.connection()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return [
        [Step(r[0], r[1], str(r[-1])) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    ]
