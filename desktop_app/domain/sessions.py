"""Peer support sessions: who came, who facilitated and what happened (safeguarding concerns
about a session are in the safeguarding log: domain/safeguarding.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import (
    Problem,
    in_vocabulary,
    not_in_future,
    optional_text,
    required_text,
)
from desktop_app.domain.vocabularies import DELIVERY_MODE, SESSION_KIND

VENUE_MAX = 120
TOPIC_MAX = 80
NOTES_MAX = 20_000
DESTINATION_MAX = 160
LONGEST_SESSION_MINUTES = 12 * 60
LARGEST_HEADCOUNT = 1000


@dataclass(frozen=True)
class OnwardReferral:
    """A referral made during a session to another service ("Citizens Advice", "IAPT")."""

    destination: str
    person_id: str | None = None  # who was referred, when it was a registered attendee
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Session:
    held_on: date
    kind: str  # SESSION_KIND code
    mode: str = "in_person"  # DELIVERY_MODE code
    starts_at: time | None = None
    minutes: int = 90
    venue: str = ""
    facilitator_ids: tuple[str, ...] = ()  # volunteer ids
    attendee_ids: tuple[str, ...] = ()  # person ids of registered attendees
    anonymous_headcount: int = 0  # people who came without a record (drop-ins, or by choice)
    topics: tuple[str, ...] = ()
    notes: str = ""
    onward_referrals: tuple[OnwardReferral, ...] = ()
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""

    @property
    def attendance(self) -> int:
        return len(self.attendee_ids) + self.anonymous_headcount


@dataclass(frozen=True)
class SessionDefaults:
    """What the latest session of a kind had, for the log form to start the next one from."""

    kind: str
    mode: str
    venue: str
    starts_at: time | None
    minutes: int
    facilitator_ids: tuple[str, ...]
    attendee_ids: tuple[str, ...]  # last time's attendees: a weekly group's regulars


def cleaned_session(session: Session) -> Session:
    topics = tuple(dict.fromkeys(" ".join(t.split()) for t in session.topics if t.strip()))
    referrals = tuple(
        replace(r, destination=" ".join(r.destination.split())) for r in session.onward_referrals
    )
    return replace(
        session,
        venue=" ".join(session.venue.split()),
        topics=topics,
        notes=session.notes.strip(),
        onward_referrals=referrals,
    )


def validate_session(session: Session, today: date) -> list[Problem]:
    s = cleaned_session(session)
    problems = in_vocabulary(s.kind, SESSION_KIND, "kind")
    problems += in_vocabulary(s.mode, DELIVERY_MODE, "mode")
    problems += not_in_future(s.held_on, "held_on", "The session date", today)
    if not 0 < s.minutes <= LONGEST_SESSION_MINUTES:
        problems.append(
            Problem(
                "minutes",
                f"The length must be between 1 and {LONGEST_SESSION_MINUTES} minutes "
                f"(you entered {s.minutes}).",
            )
        )
    problems += optional_text(s.venue, "venue", "The venue", VENUE_MAX)
    problems += _attendance_problems(s)
    if len(set(s.facilitator_ids)) != len(s.facilitator_ids):
        problems.append(Problem("facilitator_ids", "A facilitator is listed twice."))
    for topic in s.topics:
        problems += optional_text(topic, "topics", f'The topic "{topic[:20]}…"', TOPIC_MAX)
    problems += optional_text(s.notes, "notes", "The notes", NOTES_MAX)
    for referral in s.onward_referrals:
        problems += required_text(
            referral.destination, "onward_referrals", "Where they were referred", DESTINATION_MAX
        )
        if referral.person_id is not None and referral.person_id not in s.attendee_ids:
            problems.append(
                Problem(
                    "onward_referrals",
                    "A referral names someone who is not on this session. Add them as an "
                    "attendee, or leave the person out of the referral.",
                )
            )
    return problems


def _attendance_problems(s: Session) -> list[Problem]:
    problems: list[Problem] = []
    if len(set(s.attendee_ids)) != len(s.attendee_ids):
        problems.append(Problem("attendee_ids", "Someone is listed twice as an attendee."))
    if not 0 <= s.anonymous_headcount <= LARGEST_HEADCOUNT:
        problems.append(
            Problem(
                "anonymous_headcount",
                f"The headcount must be between 0 and {LARGEST_HEADCOUNT}.",
            )
        )
    if s.kind == "one_to_one" and (len(s.attendee_ids) != 1 or s.anonymous_headcount):
        problems.append(
            Problem(
                "attendee_ids",
                "A one-to-one session has exactly one person: add one attendee and leave the "
                "headcount at 0.",
            )
        )
    elif s.kind in ("group", "drop_in") and s.attendance == 0:
        problems.append(
            Problem(
                "attendee_ids",
                "Nobody is recorded as coming. Add the attendees, or the number who came "
                "without a record.",
            )
        )
    return problems


def looks_the_same(session: Session, saved: Session) -> bool:
    """Whether `session` looks like `saved` logged a second time: the same day, kind, venue
    and start time, and the same registered attendees (a different headcount of people
    without a record is more likely a correction than a second session)."""
    a, b = cleaned_session(session), cleaned_session(saved)
    return (
        a.id != b.id
        and (a.held_on, a.kind, a.starts_at) == (b.held_on, b.kind, b.starts_at)
        and a.venue.casefold() == b.venue.casefold()
        and set(a.attendee_ids) == set(b.attendee_ids)
    )


# Peer support is given by a volunteer; a drop-in can be open with nobody named as leading it.
KINDS_LED_BY_A_FACILITATOR = frozenset({"group", "one_to_one"})


def facilitator_missing(session: Session) -> bool:
    """A group or one-to-one session with no facilitator: most likely one was forgotten (the
    user is warned and may still save it)."""
    return session.kind in KINDS_LED_BY_A_FACILITATOR and not session.facilitator_ids
