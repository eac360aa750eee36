"""A referral: who referred a person to the group, when, what for, whether the person agreed to
the referrer hearing back, and the steps recorded since. No clinician's personal details: the
referrer is an organisation and a role ("Riverside surgery", "link worker")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import (
    Problem,
    in_vocabulary,
    not_before,
    not_in_future,
    optional_text,
)
from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, NEED, SOURCE_KIND

ORGANISATION_MAX = 120
ROLE_MAX = 80
NOTES_MAX = 20_000


@dataclass(frozen=True)
class Referral:
    person_id: str
    received_on: date
    source_kind: str  # SOURCE_KIND code
    organisation: str = ""  # the referring organisation ("Riverside surgery")
    referrer_role: str = ""  # their role ("Social prescribing link worker"), never a name
    needs: tuple[str, ...] = ()  # NEED codes
    consent_to_feedback: bool = False  # the person agreed the referrer may hear back
    share_scores: bool = False  # ... and agreed their wellbeing scores may be included
    notes: str = ""
    contact_attempted_on: date | None = None
    contacted_on: date | None = None
    closed_on: date | None = None
    closed_reason: str = ""  # CLOSING_REASON code once closed
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


def cleaned_referral(referral: Referral) -> Referral:
    return replace(
        referral,
        organisation=" ".join(referral.organisation.split()),
        referrer_role=" ".join(referral.referrer_role.split()),
        needs=tuple(dict.fromkeys(referral.needs)),
        notes=referral.notes.strip(),
        share_scores=referral.share_scores and referral.consent_to_feedback,
        closed_reason=referral.closed_reason if referral.closed_on else "",
    )


def validate_referral(referral: Referral, today: date) -> list[Problem]:
    r = cleaned_referral(referral)
    problems: list[Problem] = []
    if not r.person_id:
        problems.append(Problem("person_id", "Choose who was referred, or add them as new."))
    problems += not_in_future(r.received_on, "received_on", "The date received", today)
    problems += in_vocabulary(r.source_kind, SOURCE_KIND, "source_kind")
    problems += optional_text(r.organisation, "organisation", "The organisation", ORGANISATION_MAX)
    problems += optional_text(r.referrer_role, "referrer_role", "The role", ROLE_MAX)
    for need in r.needs:
        problems += in_vocabulary(need, NEED, "needs")
    problems += optional_text(r.notes, "notes", "The notes", NOTES_MAX)
    for name, what in (
        ("contact_attempted_on", "Contact attempted"),
        ("contacted_on", "Contacted"),
        ("closed_on", "Closed"),
    ):
        day: date | None = getattr(r, name)
        problems += not_in_future(day, name, what, today)
        problems += not_before(day, r.received_on, name, what, "the date received")
    if referral.closed_on is not None and not referral.closed_reason:
        problems.append(Problem("closed_reason", "Choose why the referral was closed."))
    elif referral.closed_on is not None:
        problems += in_vocabulary(referral.closed_reason, CLOSING_REASON, "closed_reason")
    return problems
