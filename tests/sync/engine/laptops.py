"""Laptops for sync tests: copies of one real encrypted database, each with its own id, that
exchange batches directly (take_pending on one, apply_batch on another), as the share folder
will carry them."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.domain.sync.changes import ChangeBatch
from desktop_app.services.databases import create_database, open_database
from desktop_app.store.database import Database
from desktop_app.store.sync.apply import Applied, apply_batch
from desktop_app.store.sync.capture import forget_pending, take_pending
from desktop_app.store.sync.tables import TABLES
from tests.conftest import PASSPHRASE

# The clock tests hand to take_pending and apply_batch, moved on by hand: ten minutes ahead of
# the real one, since changes are dated by when they were made (the real clock) and a change a
# test writes by hand must come after them.
NOW = int(time.time() * 1000) + 600_000


@dataclass
class Laptop:
    id: str
    db: Database
    sequence: int = 0
    seen: dict[str, int] = field(default_factory=dict)
    now: int = NOW

    def send(self) -> ChangeBatch:
        """This laptop's changes since it last sent, as one batch."""
        self.sequence += 1
        self.now += 1
        with self.db.transaction() as conn:
            changes = take_pending(conn, self.id, self.sequence, self.now)
        self.seen[self.id] = self.sequence
        return ChangeBatch(
            "database", self.id, f"{self.id}'s laptop", self.sequence, "", dict(self.seen), changes
        )

    def receive(self, batch: ChangeBatch) -> Applied:
        with self.db.transaction() as conn:
            applied = apply_batch(conn, batch, self.now)
        self.seen[batch.laptop] = max(self.seen.get(batch.laptop, 0), batch.sequence)
        return applied

    def conn(self) -> Any:
        return self.db.connection()


def laptops(tmp_path: Path, names: str = "ab", prepare: Any = None) -> list[Laptop]:
    """Copies of one database (made, and given records by `prepare(db)`, before copying)."""
    first = tmp_path / f"{names[0]}.peerlog"
    db = create_database(first, "Test Group", PASSPHRASE).database
    if prepare is not None:
        prepare(db)
    with db.transaction() as conn:  # what the copies start with is their common baseline
        forget_pending(conn)
    db.close()
    for name in names[1:]:
        shutil.copytree(first, tmp_path / f"{name}.peerlog")
    return [Laptop(n, open_database(tmp_path / f"{n}.peerlog", PASSPHRASE)) for n in names]


def close(machines: list[Laptop]) -> None:
    for m in machines:
        if m.db.is_open:
            m.db.close()


def dump(db: Database, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every travelling table's rows by identity, foreign keys as identities, local ids left
    out: two laptops that agree have equal dumps."""
    from desktop_app.store.sync.shapes import identity_sql, shapes

    conn = db.connection()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name, shape in shapes(conn).items():
        table = shape.table
        wanted = [f for f in shape.fields if f not in skip]
        exprs = [
            f"(SELECT {_key(table.links[f])} FROM {table.links[f]} WHERE id = {name}.{f})"
            if f in table.links
            else f
            for f in wanted
        ]
        where = ""
        if table.only:
            where = "WHERE key IN (" + ",".join(f"'{k}'" for k in table.only) + ")"
        rows = conn.execute(
            f"SELECT {identity_sql(table, name)}, {', '.join(exprs) or 1} FROM {name} {where}"
        ).fetchall()
        out[name] = sorted(rows, key=repr)
    return out


def _key(table: str) -> str:
    return next(t for t in TABLES if t.name == table).key[0]


__all__ = ["Laptop", "close", "dump", "laptops"]
