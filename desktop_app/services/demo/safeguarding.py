"""Invented safeguarding concerns for the demo database: a few, raised at sessions, each with
what was done about it, most resolved and one left open (so that Home shows one).

The details of each come from its session's id, not from the demo's main random numbers, so
that adding concerns left every other demo record as it was."""

from __future__ import annotations

import random
import uuid
from datetime import date

from desktop_app.domain.safeguarding import Concern, ConcernAction
from desktop_app.domain.sessions import Session

PASSED_TO = ("Our safeguarding lead", "Adult social care (local authority)", "Their GP practice")
WHAT_HAPPENED = {
    "self_harm": "Said during the session that they had been thinking about ending their life.",
    "self_neglect": "Has not been eating properly and the flat has no heating; seems withdrawn.",
    "financial": "Mentioned a relative takes their benefits and leaves them short each week.",
    "domestic": "Arrived upset and said their partner will not let them see friends.",
    "psychological": "Described being shouted at and belittled by a carer most days.",
}
CLOSING = "Checked in with them; the lead agreed nothing more is needed for now."


def _id(session: Session, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(session.id), what))


def concern_at(session: Session, follow_up: str, resolved_on: date | None) -> Concern:
    """A concern raised at `session` (about one of its attendees, when it had any), with the
    follow-up as its first action, resolved on `resolved_on` (None: still open)."""
    pick = random.Random(session.id)
    kind = pick.choice(sorted(WHAT_HAPPENED))
    person = pick.choice(session.attendee_ids) if session.attendee_ids else None
    actions = [ConcernAction(session.held_on, follow_up, "Session facilitator", _id(session, "1"))]
    if resolved_on is not None:
        actions.append(ConcernAction(resolved_on, CLOSING, "Safeguarding lead", _id(session, "2")))
    return Concern(
        raised_on=session.held_on,
        kind=kind,
        what_happened=WHAT_HAPPENED[kind],
        person_id=person,
        session_id=session.id,
        passed_to=pick.choice(PASSED_TO),
        resolved_on=resolved_on,
        actions=tuple(actions),
        id=_id(session, "concern"),
    )
