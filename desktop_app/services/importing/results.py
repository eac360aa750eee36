"""What an import found: the records it will add or change, how many of each, and the problems.
Made by services/import_plan.py, reported by services/importing.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.importing.template import SheetName
from desktop_app.domain.outcomes.change import OutcomeRecord
from desktop_app.domain.people import Person
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.safeguarding import Concern
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, VolunteerHours

RecordT = TypeVar("RecordT")


@dataclass
class RecordCount:
    """How many records of one type an import adds, updates, or finds already as they are."""

    what: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class Changes(Generic[RecordT]):
    new: list[RecordT] = field(default_factory=list)
    changed: list[RecordT] = field(default_factory=list)


@dataclass
class ImportPlan:
    people: Changes[Person] = field(default_factory=Changes)
    volunteers: Changes[Volunteer] = field(default_factory=Changes)
    sessions: Changes[Session] = field(default_factory=Changes)
    hours: Changes[VolunteerHours] = field(default_factory=Changes)
    case_studies: Changes[CaseStudy] = field(default_factory=Changes)
    outcomes: Changes[OutcomeRecord] = field(default_factory=Changes)
    referrals_received: Changes[Referral] = field(default_factory=Changes)
    concerns: Changes[Concern] = field(default_factory=Changes)
    counts: dict[str, RecordCount] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)

    def note(
        self, changes: Changes[RecordT], what: str, before: RecordT | None, record: RecordT
    ) -> None:
        """Count the record as added, updated or unchanged, and keep it to write if need be."""
        state = tally(self, what, before, record)
        if state == "new":
            changes.new.append(record)
        elif state == "changed":
            changes.changed.append(record)

    def count(self, what: str) -> RecordCount:
        return self.counts.setdefault(what, RecordCount(what))

    @property
    def writes(self) -> int:
        return sum(
            len(c.new) + len(c.changed)
            for c in (
                self.people,
                self.volunteers,
                self.sessions,
                self.hours,
                self.case_studies,
                self.outcomes,
                self.referrals_received,
                self.concerns,
            )
        )


@dataclass(frozen=True)
class ParsedTables:
    """The good rows of each sheet, and the references of rows with a problem (so that one bad
    row is not reported again by every row that points at it)."""

    rows: dict[SheetName, list[ParsedRow]]
    bad_refs: dict[SheetName, set[str]] = field(default_factory=dict)


def tally(plan: ImportPlan, what: str, original: object, record: object) -> str:
    if original is None:
        plan.count(what).added += 1
        return "new"
    if original != record:
        plan.count(what).updated += 1
        return "changed"
    plan.count(what).unchanged += 1
    return "same"
