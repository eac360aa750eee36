"""The alliance return as JSON ("schema": "peerlog.alliance-return/1", described by
resources/schemas/alliance-return-1.json): who sent what, and every figure with each member's
value and protection and the alliance total and how to read it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.alliance.member_return import Cell, MemberReturn
from desktop_app.domain.alliance.wording import honest_arithmetic
from desktop_app.store.private_files import open_private
from desktop_app.version import __version__

SCHEMA_ID = "peerlog.alliance-return/1"


def alliance_document(alliance: AllianceReturn, made: datetime | None = None) -> dict[str, Any]:
    when = (made or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    start, end = alliance.period
    return {
        "schema": SCHEMA_ID,
        "made": _time(when),
        "peerlog_version": __version__,
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "template": alliance.template,
        "template_version": alliance.template_version,
        "disclosure": {"method": alliance.method, "threshold": alliance.threshold},
        "arithmetic": list(honest_arithmetic(alliance)),
        "notes": list(alliance.notes),
        "members": [_member(m) for m in alliance.members],
        "figures": [
            {
                "pointer": row.pointer,
                "section": row.place.heading,
                "table": row.place.title,
                "item": row.place.label,
                "kind": row.place.kind,
                "members": [_cell(cell) for cell in row.cells],
                "total": {
                    "value": row.total.value,
                    "how": row.total.how,
                    "added_up_people": row.total.added_up_people,
                    "from_members": row.total.from_members,
                    "note": row.total.note,
                },
            }
            for row in alliance.rows()
        ],
    }


def write_json(alliance: AllianceReturn, path: Path) -> None:
    text = json.dumps(alliance_document(alliance), indent=2, ensure_ascii=False)
    with open_private(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def _member(member: MemberReturn) -> dict[str, Any]:
    return {
        "identifier": member.identifier,
        "name": member.name,
        "file": member.source,
        "made": _time(member.made) if member.made else None,
        "peerlog_version": member.peerlog_version,
        "return_version": member.schema_version,
    }


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    return None if cell is None else {"value": cell.value, "protection": cell.protection}


def _time(when: datetime) -> str:
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
