"""The note back to the referrer, under the headings of the social prescribing standard's
"message back to the referrer" (PRSB Social Prescribing Information Standard): did they attend,
what support they had, what changed for them, and wellbeing scores only if they agreed.

Only with the person's consent: without it there is no note, and the refusal says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import Problem, long_date, not_in_future, optional_text
from desktop_app.domain.referrals.pipeline import Progress, Stage
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, SOURCE_KIND

TEXT_MAX = 4_000

NO_CONSENT = (
    "No feedback note: {name} has not agreed that the referrer may hear back. Record their "
    "agreement on the referral first (tick “They agree the referrer may hear back”)."
)


@dataclass(frozen=True)
class FeedbackNote:
    """One note sent back about a referral: what it said, and whether scores were in it."""

    referral_id: str
    written_on: date
    sessions_attended: int = 0
    support: str = ""  # what support they had
    what_changed: str = ""
    scores_included: bool = False
    id: str = field(default_factory=new_id)
    created_at: str = ""


@dataclass(frozen=True)
class ScoreLine:
    """A wellbeing measure's first and latest score."""

    measure: str
    first_on: date
    first: float
    latest_on: date | None
    latest: float | None
    higher_is_better: bool


@dataclass(frozen=True)
class Letter:
    """What the printed note says: a title, then headings each with their paragraphs."""

    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]


def cleaned_note(note: FeedbackNote) -> FeedbackNote:
    return replace(note, support=note.support.strip(), what_changed=note.what_changed.strip())


def validate_note(note: FeedbackNote, today: date) -> list[Problem]:
    n = cleaned_note(note)
    problems = not_in_future(n.written_on, "written_on", "The date of the note", today)
    problems += optional_text(n.support, "support", "What support they had", TEXT_MAX)
    problems += optional_text(n.what_changed, "what_changed", "What changed", TEXT_MAX)
    return problems


def refusal(referral: Referral, person_name: str) -> Problem | None:
    """Why no note may be written (no consent), or None when one may."""
    if referral.consent_to_feedback:
        return None
    return Problem("consent_to_feedback", NO_CONSENT.format(name=person_name))


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def score_text(line: ScoreLine) -> str:
    first = f"{_number(line.first)} on {long_date(line.first_on)}"
    better = "higher is better" if line.higher_is_better else "lower is better"
    if line.latest is None or line.latest_on is None:
        return f"{line.measure}: {first} ({better}); no later score yet."
    latest = f"{_number(line.latest)} on {long_date(line.latest_on)}"
    return f"{line.measure}: {first}, then {latest} ({better})."


def attendance_text(p: Progress) -> str:
    if p.first_session_on is None:
        return "Not yet: they have not come to a session since the referral."
    sessions = "1 session" if p.sessions_attended == 1 else f"{p.sessions_attended} sessions"
    return f"Yes: {sessions} since the referral, the first on {long_date(p.first_session_on)}."


def standing_text(p: Progress) -> str:
    r = p.referral
    if p.stage is Stage.CLOSED and r.closed_on is not None:
        reason = CLOSING_REASON.label(r.closed_reason) if r.closed_reason else "no reason given"
        return f"Closed on {long_date(r.closed_on)} ({reason.lower()})."
    if p.stage is Stage.ENGAGED:
        return "Taking part: they have come to three or more sessions."
    if p.stage is Stage.FIRST_SESSION:
        return "They have started coming to sessions."
    if r.contacted_on is not None:
        return f"We spoke with them on {long_date(r.contacted_on)}."
    if r.contact_attempted_on is not None:
        return f"We tried to contact them on {long_date(r.contact_attempted_on)}."
    return "We have received the referral and will be in touch with them."


def letter(
    note: FeedbackNote,
    progress: Progress,
    person_name: str,
    organisation: str,
    scores: Sequence[ScoreLine],
) -> Letter:
    """The note's words. `scores` are left out unless the note includes them."""
    r = progress.referral
    who = r.organisation or SOURCE_KIND.label(r.source_kind).lower()
    role = f" ({r.referrer_role})" if r.referrer_role else ""
    sections: list[tuple[str, tuple[str, ...]]] = [
        (
            "About this referral",
            (
                f"{person_name}, referred by {who}{role} on {long_date(r.received_on)}.",
                f"Written on {long_date(note.written_on)}, with {person_name}'s agreement.",
            ),
        ),
        ("Did they attend?", (attendance_text(progress),)),
        ("What support they had", (note.support or "Nothing was recorded.",)),
        ("What changed for them", (note.what_changed or "Nothing was recorded.",)),
    ]
    if note.scores_included:
        lines = tuple(score_text(s) for s in scores) or ("No wellbeing scores were recorded.",)
        sections.append(("Wellbeing scores (shared with their agreement)", lines))
    sections.append(("Where things stand", (standing_text(progress),)))
    from_whom = organisation or "the peer support group"
    title = f"Feedback from {from_whom}"
    return Letter(title, tuple(sections))
