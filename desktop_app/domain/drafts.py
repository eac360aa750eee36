"""A draft: the field values of a form that was open when PeerLog locked, to offer again."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any


class DraftKind(StrEnum):
    PERSON = "person"
    SESSION = "session"
    VOLUNTEER = "volunteer"
    HOURS = "hours"
    OUTCOME = "outcome"
    SETTINGS = "settings"
    CUSTOM_MEASURE = "custom_measure"
    ITEM_WORDING = "item_wording"
    USERS = "users"
    ERASURE = "erasure"
    RETURN_CHOICES = "return_choices"
    CASE_STUDY = "case study"
    REFERRAL = "referral"
    FEEDBACK = "feedback"
    CONCERN = "safeguarding concern"

    @property
    def label(self) -> str:
        return DRAFT_LABELS[self]


DRAFT_LABELS = {
    DraftKind.PERSON: "person's record",
    DraftKind.SESSION: "session",
    DraftKind.VOLUNTEER: "volunteer's record",
    DraftKind.HOURS: "volunteer hours",
    DraftKind.OUTCOME: "wellbeing measure",
    DraftKind.SETTINGS: "settings",
    DraftKind.CUSTOM_MEASURE: "custom measure",
    DraftKind.ITEM_WORDING: "wording of a measure's items",
    DraftKind.USERS: "new user",
    DraftKind.ERASURE: "erasure, confirmed by typing the reference",
    DraftKind.RETURN_CHOICES: "choices for a return",
    DraftKind.CASE_STUDY: "case study",
    DraftKind.REFERRAL: "referral",
    DraftKind.FEEDBACK: "feedback note to a referrer",
    DraftKind.CONCERN: "safeguarding concern",
}


@dataclass(frozen=True)
class Draft:
    kind: DraftKind
    record_id: str  # "" for a new record; the person for an outcome form or a case study
    fields: dict[str, Any]
    title: str = ""
    saved_at: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class DraftSubject:
    """One person as a draft may hold them: by id (their own forms, and an entry of theirs in
    a list such as a session's attendees, which holds the id), and by reference or name in
    free text, as a whole word. Never by a piece of a word: "Ann" is not in "Annabel", nor
    P-1000 in P-10000, so nobody else's draft is handed over or deleted for them."""

    ids: tuple[str, ...]  # their person id, and the ids of their volunteer records
    ref: str = ""
    name: str = ""

    @property
    def search_texts(self) -> list[str]:
        """What a draft about them contains somewhere (names under three letters are too
        common to look for): to narrow the drafts down before `is_about` decides."""
        return [t for t in (*self.ids, self.ref, self.name) if len(t) >= 3]

    @cached_property
    def _words(self) -> re.Pattern[str] | None:
        words = sorted(self.search_texts, key=len, reverse=True)
        if not words:
            return None
        either = "|".join(re.escape(w) for w in words)
        return re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE)

    def named_in(self, text: str) -> bool:
        return self._words is not None and self._words.search(text) is not None

    def is_entry(self, entry: Sequence[Any]) -> bool:
        """An entry of a list (e.g. [id, name, reference]) is theirs when it holds their id or
        reference exactly; a name alone is not enough, as two people can share one."""
        exact = {*self.ids, self.ref} - {""}
        return any(isinstance(item, str) and item in exact for item in entry)


def is_about(draft: Draft, subject: DraftSubject) -> bool:
    held = held_about(draft, subject)
    return draft.record_id in subject.ids or bool(held.fields) or bool(held.title)


def held_about(draft: Draft, subject: DraftSubject) -> Draft:
    """What `draft` holds about one person (a subject access request): all of a draft of a
    form for one of their ids (their record, their outcome form); of any other draft, only the
    fields that mention them and, in a list (a session's attendees), only their entries, so
    that nobody else's details are handed over."""
    if draft.record_id in subject.ids:
        return draft
    fields = {}
    for name, value in draft.fields.items():
        if isinstance(value, list):
            entries = [entry for entry in value if _mentions(entry, subject)]
            if entries:
                fields[name] = entries
        elif _mentions(value, subject):
            fields[name] = value
    title = draft.title if subject.named_in(draft.title) else ""
    return replace(draft, fields=fields, title=title)


def _mentions(value: Any, subject: DraftSubject) -> bool:
    if isinstance(value, str):
        return subject.named_in(value)
    if isinstance(value, list | tuple):
        if value and not any(isinstance(item, list | tuple | dict) for item in value):
            return subject.is_entry(value)  # one entry: [id, name, reference]
        return any(_mentions(item, subject) for item in value)
    if isinstance(value, dict):
        return any(_mentions(item, subject) for item in value.values())
    return False
