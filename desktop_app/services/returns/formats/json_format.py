"""The JSON return ("schema": "peerlog.return/2"), for alliances that add returns up.

Hidden counts are null and their JSON Pointers are listed under "suppressed"; counts of people
published through cell key perturbation are listed under "perturbed", and "disclosure" says how
(method, ptable, threshold, base). The shape is described by resources/schemas/return-2.json;
version 1 (before perturbation, resources/schemas/return-1.json) is still read.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.domain.returns.notices import perturbation_notice
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn
from desktop_app.store.private_files import open_private
from desktop_app.version import __version__

SCHEMA_ID = "peerlog.return/2"
SCHEMA_FILES = {"peerlog.return/1": "return-1.json", "peerlog.return/2": "return-2.json"}
TEXT_SECTIONS = ("case_studies", "rules")


def return_document(protected: ProtectedReturn, made: datetime | None = None) -> dict[str, Any]:
    """The JSON return. Its envelope (publisher, template and version, when it was made and by
    which PeerLog) follows 360Giving's conventions, so an alliance can tell who sent what."""
    rules = protected.rules
    when = (made or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    doc: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "publisher": {"identifier": protected.identifier or None, "name": protected.organisation},
        "made": when.isoformat().replace("+00:00", "Z"),
        "peerlog_version": __version__,
        "organisation": protected.organisation,
        "template": protected.template,
        "template_version": protected.template_version,
        "period": {
            "from": protected.period.start.isoformat(),
            "to": protected.period.end.isoformat(),
        },
        "threshold": rules.threshold,
        "rounding": "nearest_5" if rules.round_to_five else "none",
        "disclosure": {
            "method": rules.method,
            "ptable": rules.ptable.name if rules.ptable else None,
            "threshold": rules.threshold,
            "base": rules.base if rules.ptable else None,
            "note": perturbation_notice(rules),
        },
    }
    suppressed: list[str] = []
    perturbed: list[str] = []

    def put(target: dict[str, Any], path: list[str], figure: Figure) -> None:
        target[figure.code] = _number(figure)
        if figure.suppressed:
            suppressed.append(_pointer([*path, figure.code]))
        if figure.perturbed:
            perturbed.append(_pointer([*path, figure.code]))

    for section in protected.sections:
        if section.json_key in TEXT_SECTIONS:
            doc[section.json_key] = [{"title": t.title, "text": t.text} for t in section.texts]
            continue
        target = doc.setdefault(section.json_key, {})
        for figure in section.figures:
            put(target, [section.json_key], figure)
        for table in section.tables:
            inner: dict[str, Any] = {}
            for figure in table.rows:
                put(inner, [section.json_key, table.code], figure)
            target[table.code] = inner
    doc["suppressed"] = suppressed
    doc["perturbed"] = perturbed
    return doc


def schema_file(document: dict[str, Any]) -> str:
    """The schema file (in resources/schemas) for a return of either version."""
    schema = document.get("schema")
    if schema not in SCHEMA_FILES:
        raise ValueError(f"Not a PeerLog return: its schema is {schema!r}")
    return SCHEMA_FILES[schema]


def write_json(protected: ProtectedReturn, path: Path) -> None:
    text = json.dumps(return_document(protected), indent=2, ensure_ascii=False)
    with open_private(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def _number(figure: Figure) -> int | float | None:
    if figure.value is None:
        return None
    if figure.kind in ("people", "count"):
        return int(figure.value)
    return round(float(figure.value), 2)


def _pointer(parts: list[str]) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)
