"""A draft: the field values of a form that was open when PeerLog locked, to offer again."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class DraftKind(StrEnum):
    PERSON = "person"
    SESSION = "session"
    VOLUNTEER = "volunteer"
    HOURS = "hours"
    OUTCOME = "outcome"

    @property
    def label(self) -> str:
        return DRAFT_LABELS[self]


DRAFT_LABELS = {
    DraftKind.PERSON: "person's record",
    DraftKind.SESSION: "session",
    DraftKind.VOLUNTEER: "volunteer's record",
    DraftKind.HOURS: "volunteer hours",
    DraftKind.OUTCOME: "wellbeing measure",
}


@dataclass(frozen=True)
class Draft:
    kind: DraftKind
    record_id: str  # "" for a new record; the person for an outcome form
    fields: dict[str, Any]
    title: str = ""
    saved_at: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


def held_about(draft: Draft, record_ids: Collection[str], texts: Collection[str]) -> Draft:
    """What `draft` holds about one person (a subject access request): all of a draft of a
    form for one of their `record_ids` (their record, their outcome form); of any other draft,
    only the fields that mention one of `texts` and, in a list (a session's attendees), only
    the entries that do, so that nobody else's details are handed over."""
    if draft.record_id in record_ids:
        return draft
    fields = {}
    for name, value in draft.fields.items():
        if isinstance(value, list):
            value = [entry for entry in value if _mentions(entry, texts)]
        if value and _mentions(value, texts):
            fields[name] = value
    title = draft.title if _mentions(draft.title, texts) else ""
    return replace(draft, fields=fields, title=title)


def _mentions(value: Any, texts: Collection[str]) -> bool:
    if isinstance(value, str):
        return any(text in value for text in texts)
    if isinstance(value, list | tuple):
        return any(_mentions(item, texts) for item in value)
    if isinstance(value, dict):
        return any(_mentions(item, texts) for item in value.values())
    return False
