"""One member's return as the alliance reads it: who sent it, when, for which period and
template, how it was protected, and every figure by its JSON Pointer (e.g. "/gender/woman" is
"/breakdowns/gender/woman"), each marked exact, hidden or adjusted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

Protection = Literal["exact", "hidden", "adjusted"]
TEXT_SECTIONS = frozenset({"case_studies", "rules"})
ENVELOPE = frozenset(
    {
        "schema", "publisher", "made", "peerlog_version", "organisation", "template",
        "template_version", "period", "threshold", "rounding", "disclosure", "suppressed",
        "perturbed",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Cell:
    value: int | float | None  # None when the member hid it
    protection: Protection


@dataclass(frozen=True)
class MemberReturn:
    source: str  # the file's name, for messages
    schema_version: int
    identifier: str | None  # org-id; returns before version 2's envelope have none
    name: str
    template: str
    template_version: str
    period: tuple[date, date]
    made: datetime | None
    peerlog_version: str | None
    method: str  # "cell_key_perturbation" or "exact" (all of version 1)
    threshold: int
    rounding: str
    cells: Mapping[str, Cell]  # JSON Pointer -> figure, in the return's order

    @property
    def key(self) -> str:
        """What tells members apart: the identifier, or the name when there is none."""
        return self.identifier or "name:" + " ".join(self.name.casefold().split())

    @property
    def label(self) -> str:
        return f"{self.name} ({self.identifier})" if self.identifier else self.name

    @property
    def protection(self) -> tuple[str, int, str]:
        return self.method, self.threshold, self.rounding


def read_member(
    document: Mapping[str, Any], source: str, modified: datetime | None
) -> MemberReturn:
    """The member return in `document`, already checked against its schema. `modified` (the
    file's time) stands in for when it was made when the return does not say."""
    version = int(str(document["schema"]).rsplit("/", 1)[1])
    publisher = document.get("publisher") or {}
    disclosure = document.get("disclosure") or {}
    made = _when(document.get("made")) or modified
    hidden = set(document["suppressed"])
    adjusted = set(document.get("perturbed", ()))
    cells = {
        pointer: Cell(value, _protection(pointer, value, hidden, adjusted))
        for pointer, value in _figures(document)
    }
    return MemberReturn(
        source=source,
        schema_version=version,
        identifier=publisher.get("identifier"),
        name=str(publisher.get("name") or document["organisation"]),
        template=str(document["template"]),
        template_version=str(document.get("template_version", "1")),
        period=(
            date.fromisoformat(document["period"]["from"]),
            date.fromisoformat(document["period"]["to"]),
        ),
        made=made,
        peerlog_version=document.get("peerlog_version"),
        method=str(disclosure.get("method", "exact")),
        threshold=int(document["threshold"]),
        rounding=str(document["rounding"]),
        cells=cells,
    )


def _protection(pointer: str, value: object, hidden: set[str], adjusted: set[str]) -> Protection:
    if value is None or pointer in hidden:
        return "hidden"
    return "adjusted" if pointer in adjusted else "exact"


def _figures(document: Mapping[str, Any]) -> Iterator[tuple[str, int | float | None]]:
    for key, value in document.items():
        if key in ENVELOPE or key in TEXT_SECTIONS:
            continue
        yield from _leaves(value, "/" + _escape(key))


def _leaves(value: object, at: str) -> Iterator[tuple[str, int | float | None]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, f"{at}/{_escape(str(key))}")
    elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        yield at, value


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _when(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
