"""A change batch as JSON-ready data and back: the content of a change file."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.sync.changes import AuditCopy, Change, ChangeBatch, Value


class MalformedBatch(ValueError):
    """Content that authenticated but is not a batch this PeerLog understands."""


def batch_to_data(batch: ChangeBatch) -> dict[str, Any]:
    return {
        "format_version": batch.format_version,
        "database_id": batch.database_id,
        "laptop": batch.laptop,
        "laptop_name": batch.laptop_name,
        "sequence": batch.sequence,
        "written_at": batch.written_at,
        "seen": dict(batch.seen),
        "changes": [_change_to_data(c) for c in batch.changes],
        "audit": [_audit_to_data(a) for a in batch.audit],
    }


def batch_from_data(data: Any) -> ChangeBatch:
    try:
        return ChangeBatch(
            database_id=str(data["database_id"]),
            laptop=str(data["laptop"]),
            laptop_name=str(data["laptop_name"]),
            sequence=int(data["sequence"]),
            written_at=str(data["written_at"]),
            seen={str(k): int(v) for k, v in dict(data["seen"]).items()},
            changes=tuple(_change_from_data(c) for c in data["changes"]),
            audit=tuple(_audit_from_data(a) for a in data["audit"]),
            format_version=int(data["format_version"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MalformedBatch(str(exc)) from exc


def _change_to_data(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {
        "t": change.table,
        "k": change.key,
        "h": change.hlc,
        "o": change.kind,
        "f": dict(change.fields),
    }
    if change.subject is not None:
        data["s"] = change.subject
    if change.whole:
        data["w"] = True
    return data


def _change_from_data(data: Any) -> Change:
    kind = str(data["o"])
    if kind not in ("put", "delete", "erase"):
        raise MalformedBatch(f"unknown change kind {kind!r}")
    fields: dict[str, Value] = {}
    for name, value in dict(data["f"]).items():
        if value is not None and not isinstance(value, str | int | float | bool):
            raise MalformedBatch(f"field {name!r} is not a plain value")
        fields[str(name)] = value
    subject = data.get("s")
    return Change(
        table=str(data["t"]),
        key=str(data["k"]),
        hlc=str(data["h"]),
        kind=kind,  # type: ignore[arg-type]
        fields=fields,
        subject=None if subject is None else str(subject),
        whole=bool(data.get("w", False)),
    )


def _audit_to_data(entry: AuditCopy) -> list[Any]:
    return [
        entry.position,
        entry.at,
        entry.user_id,
        entry.action,
        entry.record_kind,
        entry.record_id,
        entry.previous_hash,
        entry.hash,
    ]


def _audit_from_data(data: Any) -> AuditCopy:
    position, at, user_id, action, kind, record, previous, digest = data
    return AuditCopy(
        int(position),
        str(at),
        str(user_id),
        str(action),
        str(kind),
        str(record),
        str(previous),
        str(digest),
    )
