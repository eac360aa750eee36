"""A draft: the field values of a form that was open when PeerLog locked, to offer again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
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
