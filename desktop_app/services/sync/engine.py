"""The one place the sync services meet the store's merge engine (store/sync): taking this
laptop's changes, applying another laptop's, what an erasure leaves behind, and conflicts turned
into what the window shows."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.domain.sync.changes import Change, ChangeBatch, Value
from desktop_app.domain.sync.report import Conflict
from desktop_app.store.connection import Connection
from desktop_app.store.sync import apply, capture, history, labels
from desktop_app.store.sync import conflicts as stored
from desktop_app.store.sync.apply import Applied
from desktop_app.store.sync.tables import BY_NAME

__all__ = ["Applied"]


def take_pending(conn: Connection, laptop: str, sequence: int, now_ms: int) -> tuple[Change, ...]:
    return capture.take_pending(conn, laptop, sequence, now_ms)


def forget_pending(conn: Connection) -> None:
    capture.forget_pending(conn)


def apply_batch(conn: Connection, batch: ChangeBatch, now_ms: int) -> Applied:
    return apply.apply_batch(conn, batch, now_ms)


def removals(conn: Connection, batch: ChangeBatch) -> tuple[int, int]:
    return apply.removals(conn, batch)


def erased_subjects(conn: Connection) -> set[str]:
    return history.erased_subjects(conn)


def conflicts(conn: Connection, laptop_names: dict[str, str]) -> list[Conflict]:
    def named(laptop: str) -> str:
        return laptop_names.get(laptop) or ("this laptop" if not laptop else "another laptop")

    found = []
    for c in stored.conflicts(conn):
        table = BY_NAME.get(c.table)
        found.append(
            Conflict(
                id=str(c.id),
                record_kind=table.words if table else c.table,
                record_label=labels.record_label(conn, c.table, c.key),
                record_id=c.key,
                field_label=c.field.replace("_", " "),
                kept=_text(c.kept),
                kept_from=named(c.kept_laptop),
                other=_text(c.other),
                other_from=named(c.other_laptop),
                found_at=_moment(c.found_at),
            )
        )
    return found


def resolve_conflict(conn: Connection, conflict_id: str, use_other: bool) -> str:
    """Returns the identity of the record concerned."""
    try:
        number = int(conflict_id)
    except ValueError:
        number = -1
    key = stored.record_key(conn, number)
    stored.resolve_conflict(conn, number, use_other)
    return key


def _text(value: Value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
