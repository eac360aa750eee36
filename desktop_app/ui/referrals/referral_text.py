"""How a referral's progress reads on the screen: its stage, and how long it waited."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.referrals.pipeline import Progress, Stage
from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, SOURCE_KIND


def days_text(days: int) -> str:
    return f"{days} working day{'s' if days != 1 else ''}"


def waited_text(p: Progress, today: date) -> str:
    """ "Waiting 6 working days", or "Answered in 2 working days"."""
    days = p.working_days_waited(today)
    if p.waiting():
        return f"Waiting {days_text(days)}"
    if p.responded_on is None:
        return "Closed without a response"
    return f"Answered in {days_text(days)}"


def waited_cell(p: Progress, today: date, overdue: bool) -> str:
    """The inbox's short form: "8 so far, overdue", "2, answered"."""
    days = p.working_days_waited(today)
    if p.waiting():
        return f"{days} so far, overdue" if overdue else f"{days} so far"
    if p.responded_on is None:
        return "Closed unanswered"
    return f"{days}, answered"


def stage_text(p: Progress) -> str:
    if p.stage is Stage.CLOSED and p.referral.closed_reason in CLOSING_REASON:
        return f"Closed: {CLOSING_REASON.label(p.referral.closed_reason).lower()}"
    if p.stage is Stage.ENGAGED:
        return f"Engaged ({p.sessions_attended} sessions)"
    return p.stage.label


def referred_by(p: Progress) -> str:
    """The organisation when there is one, else the kind of referrer ("Family or friend")."""
    r = p.referral
    if r.organisation:
        return r.organisation
    return SOURCE_KIND.label(r.source_kind) if r.source_kind in SOURCE_KIND else r.source_kind


def referred_by_tooltip(p: Progress) -> str:
    r = p.referral
    kind = SOURCE_KIND.label(r.source_kind) if r.source_kind in SOURCE_KIND else r.source_kind
    role = f", {r.referrer_role}" if r.referrer_role else ""
    return f"{kind}{role}"
