"""Invented referrals for the demo: most people referred by a service have a referral received
a few days to a fortnight before they first came, answered within a few days and closed after
they stopped coming; a few who stopped long ago were referred again lately and are still waiting
(some overdue), so the inbox and Home have something to show.

A generator of its own (from the demo seed) keeps every other demo record as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from desktop_app.domain.referrals.feedback import FeedbackNote
from desktop_app.domain.referrals.pipeline import ReferralRow
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.referrals.vocabulary import NEED
from desktop_app.services.demo.people import DemoPerson, DemoRandom

REFERRAL_SEED_OFFSET = 1_019
WAITING = 6  # the newest referrals, not yet answered
REFERRERS = {
    "social_prescribing": [
        ("Northside Primary Care Network", "Social prescribing link worker"),
        ("Valley Health Partnership", "Social prescribing link worker"),
    ],
    "gp_practice": [("Riverside Surgery", "Practice nurse"), ("Mill Lane Medical Centre", "GP")],
    "secondary_mental_health": [("Community Mental Health Team (East)", "Care coordinator")],
    "vcse": [("Town Carers' Centre", "Support worker"), ("Citizens Advice (local)", "Adviser")],
    "family_friend": [("", "")],
    "other": [("Housing association", "Tenancy support officer")],
}
NEED_WEIGHTS = {code: 1.0 for code in NEED.codes} | {"loneliness": 4.0, "low_mood": 4.0}


def make_referrals(seed: int, people: list[DemoPerson], today: date) -> list[Referral]:
    rng = DemoRandom(seed + REFERRAL_SEED_OFFSET)
    referred = [p for p in people if p.person.referral_source in REFERRERS]
    made = [_answered(rng, p, today) for p in referred if p.first_contact <= today]
    left = [p for p in referred if p.active_until < today - timedelta(days=60)]
    return made + [_waiting(rng, p, today) for p in left[-WAITING:]]


def _about(rng: DemoRandom, p: DemoPerson, received: date) -> Referral:
    kind = p.person.referral_source
    organisation, role = rng.choice(REFERRERS[kind])
    consent = rng.random() < 0.7
    return Referral(
        p.person.id,
        received,
        kind,
        organisation,
        role,
        needs=tuple(sorted({rng.weighted(NEED_WEIGHTS) for _ in range(rng.randint(1, 3))})),
        consent_to_feedback=consent,
        share_scores=consent and rng.random() < 0.5,
        id=rng.uuid(),
    )


def _waiting(rng: DemoRandom, p: DemoPerson, today: date) -> Referral:
    """Referred again after they stopped coming, and not yet answered."""
    return _about(rng, p, today - timedelta(days=rng.randint(1, 12)))


def _answered(rng: DemoRandom, p: DemoPerson, today: date) -> Referral:
    referral = _about(rng, p, p.first_contact - timedelta(days=rng.randint(3, 16)))
    attempted = referral.received_on + timedelta(days=rng.randint(1, 6))
    contacted = min(attempted + timedelta(days=rng.randint(0, 3)), p.first_contact)
    closed = p.active_until + timedelta(days=14)
    ended = closed < today
    reason = rng.weighted({"completed": 8, "moved_away": 1, "other": 1})
    return replace(
        referral,
        contact_attempted_on=min(attempted, contacted),
        contacted_on=contacted,
        closed_on=closed if ended else None,
        closed_reason=reason if ended else "",
    )


CHANGES = (
    "Comes every week and has joined the walking group too.",
    "Says she feels less alone and has someone to call.",
    "Sleeping better; talks about feeling more settled.",
    "Has started volunteering on the tea rota.",
)


def make_feedback_notes(seed: int, finished: list[ReferralRow]) -> list[FeedbackNote]:
    """A note back to the referrer for about half of the closed referrals they agreed to."""
    rng = DemoRandom(seed + REFERRAL_SEED_OFFSET + 1)
    notes = []
    for row in finished:
        referral = row.progress.referral
        if not referral.consent_to_feedback or referral.closed_on is None or rng.random() < 0.5:
            continue
        notes.append(
            FeedbackNote(
                referral.id,
                referral.closed_on,
                row.progress.sessions_attended,
                "Group peer support",
                rng.choice(CHANGES),
                referral.share_scores,
                id=rng.uuid(),
            )
        )
    return notes
