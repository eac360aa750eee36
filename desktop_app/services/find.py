"""Find anything (Ctrl+F): people, volunteers and sessions by name, reference, venue or topic,
through the same list queries as their screens (so archived people and former volunteers are
found too, marked as such)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.listing import Page, PeopleFilter, SessionFilter, VolunteerFilter
from desktop_app.domain.problems import long_date
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.services import people, sessions, volunteers
from desktop_app.store.database import Database

FoundKind = Literal["person", "volunteer", "session"]
SHORTEST = 2  # characters typed before anything is looked up


@dataclass(frozen=True)
class Found:
    kind: FoundKind
    id: str
    title: str  # what the result list shows first: a name, or a session's date and kind
    detail: str  # a reference, or a session's venue


@dataclass(frozen=True)
class Findings:
    people: list[Found]
    volunteers: list[Found]
    sessions: list[Found]
    more: bool  # some kind had more matches than shown: type more to narrow it

    @property
    def everything(self) -> list[Found]:
        return [*self.people, *self.volunteers, *self.sessions]


def find_anything(db: Database, text: str, each: int = 10) -> Findings:
    words = text.strip()
    if len(words) < SHORTEST:
        return Findings([], [], [], False)
    page = Page(limit=each)
    found_people = people.list_people(db, PeopleFilter(text=words, archived="all"), page)
    found_volunteers = volunteers.list_volunteer_rows(
        db, VolunteerFilter(text=words, include_ended=True), page
    )
    found_sessions = sessions.list_sessions(db, SessionFilter(text=words), page)
    return Findings(
        people=[
            Found("person", r.id, r.known_as, r.ref + (" (archived)" if r.archived else ""))
            for r in found_people.rows
        ],
        volunteers=[
            Found("volunteer", r.id, r.name, r.ref + ("" if r.active else " (has left)"))
            for r in found_volunteers.rows
        ],
        sessions=[
            Found("session", r.id, f"{long_date(r.held_on)}, {SESSION_KIND.label(r.kind)}", r.venue)
            for r in found_sessions.rows
        ],
        more=any(paged.total > each for paged in (found_people, found_volunteers, found_sessions)),
    )
