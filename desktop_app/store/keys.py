"""Local integer keys and references.

Domain records are known by their UUID (`uuid` column); joins use the local `id`. These helpers
turn one into the other, and make the next free reference ("P-0001").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal, TypeVar

from desktop_app.store.columns import prefix_pattern
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound

KeyedTable = Literal[
    "people",
    "volunteers",
    "sessions",
    "consents",
    "training_records",
    "onward_referrals",
    "volunteer_hours",
    "case_studies",
    "outcome_records",
    "referrals",
    "referral_feedback",
    "safeguarding_concerns",
    "safeguarding_actions",
]
_BATCH = 500
RowT = TypeVar("RowT")


def local_id(conn: Connection, table: KeyedTable, uuid: str) -> int:
    row = conn.execute(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return int(row[0])


def local_ids(conn: Connection, table: KeyedTable, uuids: Collection[str]) -> dict[str, int]:
    """uuid -> id for every uuid given; RecordNotFound when any is missing."""
    wanted = list(dict.fromkeys(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        rows = conn.execute(f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})", batch)
        found.update((str(u), int(i)) for u, i in rows)
    if len(found) != len(wanted):
        raise RecordNotFound(_missing_message(table))
    return found


def _missing_message(table: KeyedTable) -> str:
    what = {"people": "a person", "volunteers": "a volunteer", "sessions": "a session"}
    return (
        f"This refers to {what.get(table, 'a record')} that is no longer in the database "
        "(perhaps deleted meanwhile). Refresh and try again."
    )


def next_ref(conn: Connection, table: Literal["people", "volunteers"], prefix: str) -> int:
    """The number after the highest `prefix`-number reference in use (1 when there is none)."""
    row = conn.execute(
        f"SELECT MAX(CAST(substr(ref, ?) AS INTEGER)) FROM {table} "
        "WHERE ref LIKE ? ESCAPE '\\' AND substr(ref, ?) GLOB '[0-9]*'",
        (len(prefix) + 1, prefix_pattern(prefix), len(prefix) + 1),
    ).fetchone()
    return int(row[0] or 0) + 1


def ref_in_use(
    conn: Connection, table: Literal["people", "volunteers"], ref: str, except_id: str | None
) -> bool:
    """Whether another record (not `except_id`) has this reference, in any case."""
    row = conn.execute(
        f"SELECT 1 FROM {table} WHERE ref = ? AND uuid IS NOT ?", (ref, except_id)
    ).fetchone()
    return row is not None


def update_record(
    conn: Connection, table: KeyedTable, fields: str, values: Sequence[object], now: str, uuid: str
) -> None:
    """`UPDATE table SET <fields> = values, updated_at = now WHERE uuid = uuid`; `fields` is a
    fixed, comma-separated column list (never user input)."""
    assignments = ", ".join(f"{name.strip()} = ?" for name in fields.split(","))
    cursor = conn.execute(
        f"UPDATE {table} SET {assignments}, updated_at = ? WHERE uuid = ?", (*values, now, uuid)
    )
    if cursor.rowcount == 0:
        raise RecordNotFound()


def delete_record(conn: Connection, table: KeyedTable, uuid: str) -> None:
    if conn.execute(f"DELETE FROM {table} WHERE uuid = ?", (uuid,)).rowcount == 0:
        raise RecordNotFound()


def in_given_order(
    conn: Connection,
    select: str,
    uuids: Sequence[str],
    convert: Callable[[Any], RowT],
    leading: tuple[object, ...] = (),
) -> list[RowT]:
    """The rows for `uuids`, in the order given. `select` has a `{marks}` placeholder for the
    uuids (after the `leading` parameters) and returns the uuid as its first column."""
    wanted = list(dict.fromkeys(uuids))
    marks = ",".join("?" * len(wanted))
    found = {
        row[0]: convert(row)
        for row in conn.execute(select.format(marks=marks), (*leading, *wanted))
    }
    if len(found) != len(wanted):
        raise RecordNotFound()
    return [found[u] for u in wanted]
