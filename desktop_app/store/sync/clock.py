"""This laptop's hybrid logical clock, kept in `sync_clock`: the latest reading made here or
received from another laptop (see domain/sync/merge_rules for the rules)."""

from __future__ import annotations

from desktop_app.domain.sync.changes import Hlc
from desktop_app.store.connection import Connection

# When a change is made, in milliseconds: the wall clock, or just past the latest clock reading
# made or received here if that is ahead (so a change made after receiving another comes after
# it, whatever the clocks say).
NOTED = (
    "max(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), "
    "COALESCE((SELECT wall_ms + 1 FROM sync_clock WHERE id = 1), 0))"
)


def latest(conn: Connection) -> Hlc | None:
    row = conn.execute("SELECT wall_ms, counter, laptop FROM sync_clock WHERE id = 1").fetchone()
    return None if row is None else Hlc(int(row[0]), int(row[1]), str(row[2]))


def this_laptop(conn: Connection) -> str:
    """This laptop's id once it has sent a change ("" before)."""
    row = conn.execute("SELECT laptop FROM sync_clock WHERE id = 1").fetchone()
    return "" if row is None else str(row[0])


def save(conn: Connection, reading: Hlc | None, laptop: str | None = None) -> None:
    """Keep `reading` as the latest (and, when given, this laptop's id)."""
    if reading is None:
        return
    conn.execute(
        "INSERT INTO sync_clock(id, wall_ms, counter, laptop) VALUES (1, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET wall_ms = excluded.wall_ms, counter = excluded.counter, "
        "laptop = CASE WHEN ? IS NULL THEN laptop ELSE excluded.laptop END",
        (reading.wall_ms, reading.counter, laptop or "", laptop),
    )
