"""The safeguarding log: concerns about a person, a session or both, each with the actions
taken about it, until it is marked resolved (who resolved it and when).

Who sees what: a coordinator sees and changes every concern; a peer support lead sees and
changes the ones they raised (services/safeguarding.py enforces it)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import (
    Problem,
    long_date,
    not_before,
    not_in_future,
    optional_text,
    required_text,
)
from desktop_app.domain.vocabularies import NEW_CONCERN_KINDS, NOT_RECORDED

WHAT_HAPPENED_MAX = 20_000
PASSED_TO_MAX = 160
ACTION_MAX = 2_000
BY_WHOM_MAX = 120


@dataclass(frozen=True)
class ConcernAction:
    """Something done about a concern ("Rang the safeguarding lead"), on a day, by whom."""

    taken_on: date
    what: str
    by_whom: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Concern:
    raised_on: date
    kind: str  # CONCERN_KIND code
    what_happened: str = ""
    person_id: str | None = None  # about a person,
    session_id: str | None = None  # about a session, or both
    passed_to: str = ""  # the organisation's safeguarding lead, a named service
    raised_by: str = ""  # user id ("" for the recovery code, or unknown)
    resolved_on: date | None = None
    resolved_by: str = ""  # user id
    actions: tuple[ConcernAction, ...] = ()  # oldest first
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None


@dataclass(frozen=True)
class ConcernRow:
    """A concern with what a list shows about it: whom it is about, and who raised it."""

    concern: Concern
    person_name: str = ""  # "" when it is not about a person
    person_ref: str = ""
    session_held_on: date | None = None  # None when it is not about a session
    session_kind: str = ""  # SESSION_KIND code
    raised_by_name: str = ""


def cleaned_concern(concern: Concern) -> Concern:
    actions = tuple(
        replace(a, what=a.what.strip(), by_whom=" ".join(a.by_whom.split()))
        for a in concern.actions
    )
    return replace(
        concern,
        what_happened=concern.what_happened.strip(),
        passed_to=" ".join(concern.passed_to.split()),
        person_id=concern.person_id or None,
        session_id=concern.session_id or None,
        actions=tuple(sorted(actions, key=lambda a: a.taken_on)),
        resolved_by=concern.resolved_by if concern.resolved_on else "",
    )


def validate_concern(concern: Concern, today: date, was_kind: str | None = None) -> list[Problem]:
    """Problems with a concern as it would be saved. `was_kind`: its kind as saved before (a
    concern moved from a session may keep "Not recorded"; a new one names a kind)."""
    c = cleaned_concern(concern)
    problems: list[Problem] = []
    if c.person_id is None and c.session_id is None:
        problems.append(Problem("person_id", "Choose whom the concern is about, or its session."))
    problems += not_in_future(c.raised_on, "raised_on", "The date raised", today)
    kept_unrecorded = c.kind == NOT_RECORDED and was_kind == NOT_RECORDED
    if c.kind not in NEW_CONCERN_KINDS and not kept_unrecorded:
        problems.append(Problem("kind", "Choose the kind of concern."))
    problems += required_text(c.what_happened, "what_happened", "What happened", WHAT_HAPPENED_MAX)
    problems += optional_text(c.passed_to, "passed_to", "Passed to", PASSED_TO_MAX)
    problems += not_in_future(c.resolved_on, "resolved_on", "The resolved date", today)
    problems += not_before(
        c.resolved_on, c.raised_on, "resolved_on", "The resolved date", "the date raised"
    )
    for action in c.actions:
        problems += required_text(action.what, "actions", "What was done", ACTION_MAX)
        problems += optional_text(action.by_whom, "actions", "By whom", BY_WHOM_MAX)
        problems += not_in_future(action.taken_on, "actions", "An action's date", today)
        problems += not_before(
            action.taken_on, c.raised_on, "actions", "An action's date", "the date raised"
        )
    return problems


def about_text(row: ConcernRow, session_label: str = "") -> str:
    """Whom a concern is about, in words: "Sam (P-0001)", "the session of 3 May 2025", both."""
    parts = []
    if row.person_name:
        parts.append(f"{row.person_name} ({row.person_ref})")
    if row.session_held_on is not None:
        what = f"{session_label} session" if session_label else "the session"
        parts.append(f"{what} of {long_date(row.session_held_on)}")
    return ", at ".join(parts) if len(parts) == 2 else (parts[0] if parts else "nobody recorded")
