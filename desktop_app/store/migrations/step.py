from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.store.connection import Connection


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def run_script(conn: Connection, script: str) -> None:
    """Run `;`-separated statements inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
