"""What an import needs to match its rows to records already in the database: references,
which ids exist, and the hours already recorded."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Literal

from desktop_app.store.columns import date_text, to_required_date
from desktop_app.store.connection import Connection
from desktop_app.store.keys import KeyedTable

_BATCH = 500


def ids_by_ref(conn: Connection, table: Literal["people", "volunteers"]) -> dict[str, str]:
    """Reference (case-folded, as references are unique in any case) -> record id."""
    return {
        str(ref).casefold(): str(uuid)
        for ref, uuid in conn.execute(f"SELECT ref, uuid FROM {table}")
    }


def existing_ids(conn: Connection, table: KeyedTable, uuids: Collection[str]) -> set[str]:
    """The ids among `uuids` that are in `table`."""
    wanted = list(dict.fromkeys(uuids))
    found: set[str] = set()
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        found.update(
            str(r[0])
            for r in conn.execute(f"SELECT uuid FROM {table} WHERE uuid IN ({marks})", batch)
        )
    return found


def hours_between(
    conn: Connection, volunteer_ids: Collection[str], start: date, end: date
) -> list[tuple[str, str, date, str]]:
    """(hours id, volunteer id, day, activity) of the volunteers' hours between two days, in the
    order they were recorded."""
    wanted = list(dict.fromkeys(volunteer_ids))
    rows: list[tuple[int, str, str, date, str]] = []
    for first in range(0, len(wanted), _BATCH):
        batch = wanted[first : first + _BATCH]
        marks = ",".join("?" * len(batch))
        rows += [
            (int(key), str(uuid), str(volunteer), to_required_date(day), str(activity))
            for key, uuid, volunteer, day, activity in conn.execute(
                "SELECT h.id, h.uuid, v.uuid, h.worked_on, h.activity FROM volunteer_hours h "
                f"JOIN volunteers v ON v.id = h.volunteer_id WHERE v.uuid IN ({marks}) "
                "AND h.worked_on BETWEEN ? AND ?",
                (*batch, date_text(start), date_text(end)),
            )
        ]
    return [row[1:] for row in sorted(rows)]
