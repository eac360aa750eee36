"""Pages, filters and list rows: what a list screen asks for and gets back.

Lists are paged because a busy database holds 100,000 sessions and 20,000 people: a screen asks
for one page (`Page`) and gets its rows and the total that match (`Paged`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from desktop_app.domain.renewals import Renewal

RowT = TypeVar("RowT")

SessionSort = Literal["date", "kind", "venue", "attendance"]
PeopleSort = Literal["name", "ref", "first_contact"]
VolunteerSort = Literal["name", "ref", "dbs", "training", "hours", "last_active"]
ArchivedFilter = Literal["active", "archived", "all"]


@dataclass(frozen=True)
class Page:
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class Paged(Generic[RowT]):
    rows: list[RowT]
    total: int  # how many rows match the filter, over all pages
    page: Page = field(default_factory=Page)


@dataclass(frozen=True)
class SessionFilter:
    start: date | None = None  # inclusive
    end: date | None = None  # inclusive
    kind: str | None = None  # a SESSION_KIND code
    venue: str | None = None  # the exact venue (any case)
    text: str = ""  # part of the venue, a topic or the notes
    sort: SessionSort = "date"
    descending: bool = True  # newest first


@dataclass(frozen=True)
class SessionRow:
    id: str
    held_on: date
    starts_at: time | None
    kind: str
    mode: str
    venue: str
    minutes: int
    registered: int  # registered attendees
    anonymous_headcount: int
    facilitators: str  # names, comma-separated

    @property
    def attendance(self) -> int:
        return self.registered + self.anonymous_headcount


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""  # part of the name or reference
    archived: ArchivedFilter = "active"
    sort: PeopleSort = "name"
    descending: bool = False


@dataclass(frozen=True)
class PersonRow:
    id: str
    ref: str
    known_as: str
    year_of_birth: int | None
    first_contact: date | None
    last_attended: date | None
    has_consent: bool
    archived: bool


@dataclass(frozen=True)
class VolunteerFilter:
    text: str = ""  # part of the name or reference
    include_ended: bool = False  # also those who have left (after the current ones)
    sort: VolunteerSort = "name"
    # Ascending puts those needing chasing first: nothing recorded, then the longest overdue
    # (DBS, training), the fewest hours, the longest since they last gave time.
    descending: bool = False


@dataclass(frozen=True)
class TrainingState:
    """A volunteer's training, taking the latest record of each course."""

    courses: int  # how many different courses
    renewal: Renewal  # of the course that runs out first (IN_DATE when none expire)
    next_expiry: date | None  # when the first course runs out (None: none expire)
    next_course: str  # which course that is ("" when none expire)
    due: int  # courses that have run out or run out within the attention window


@dataclass(frozen=True)
class VolunteerRow:
    id: str
    ref: str
    name: str
    active: bool
    hours: Decimal  # exact; recorded in the period the list counts (this financial year)
    last_active_on: date | None  # the last session facilitated or hours recorded
    dbs_due_on: date | None  # when the DBS check needs renewing (None: no check recorded)
    dbs: Renewal
    training: TrainingState
