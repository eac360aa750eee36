"""What the session form offers: people and volunteers to pick from, and reading a time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time

from desktop_app.services import people, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.forms.record_picker import Choice, Search

SEARCH_LIMIT = 12
_TIME = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?")


def people_search(db: Database) -> Search:
    """Active people whose name or reference contains the text, best first."""

    def search(text: str) -> list[Choice]:
        found = people.find_people(db, text, limit=SEARCH_LIMIT)
        return [Choice(p.id, p.known_as, p.ref) for p in found]

    return search


def facilitator_search(db: Database) -> Search:
    """Current volunteers whose name or reference contains the text."""

    def search(text: str) -> list[Choice]:
        found = volunteers.list_volunteers(db, text)
        return [Choice(v.id, v.name, v.ref) for v in found[:SEARCH_LIMIT]]

    return search


def person_choices(db: Database, person_ids: Sequence[str]) -> list[Choice]:
    """The people with these ids who are not archived, in the same order."""
    if not person_ids:
        return []
    found = people.people_summaries(db, person_ids)
    return [Choice(p.id, p.known_as, p.ref) for p in found if not p.archived]


def volunteer_choices(db: Database, volunteer_ids: Sequence[str]) -> list[Choice]:
    """The current volunteers among these ids, in the same order."""
    wanted = set(volunteer_ids)
    current = {v.id: v for v in volunteers.list_volunteers(db) if v.id in wanted}
    return [Choice(v.id, v.name, v.ref) for v in (current.get(i) for i in volunteer_ids) if v]


def parse_start_time(text: str) -> tuple[time | None, str | None]:
    """A typed time ("10:30", "1030", "2pm", "14.15") and None, or None and what is wrong."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None, None
    match = _TIME.fullmatch(cleaned)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3) == "pm" and hour < 12:
            hour += 12
        elif match.group(3) == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and not (match.group(3) and int(match.group(1)) > 12):
            return time(hour, minute), None
    return None, f'"{text.strip()}" is not a time. Type it like 10:30 or 2pm, or leave it empty.'
