"""Where a referral has got to: received → contact attempted → contacted → first session →
engaged (three or more sessions) → closed, with a reason.

Contact attempted, contacted and closed are recorded on the referral; first session and engaged
come from attendance: the sessions the person attended on or after the day it was received.
A referral is responded to on the first of: contact attempted, contacted, first session.
Waiting and overdue are counted in working days (domain/referrals/working_days.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.referrals.working_days import BankHolidays, working_days_between

ENGAGED_SESSIONS = 3
DEFAULT_OVERDUE_DAYS = 5


class Stage(StrEnum):
    RECEIVED = "received"
    CONTACT_ATTEMPTED = "contact attempted"
    CONTACTED = "contacted"
    FIRST_SESSION = "first session"
    ENGAGED = "engaged"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Progress:
    """A referral with the dates attendance gives it."""

    referral: Referral
    first_session_on: date | None
    engaged_on: date | None
    sessions_attended: int  # on or after the day it was received

    @property
    def stage(self) -> Stage:
        r = self.referral
        if r.closed_on is not None:
            return Stage.CLOSED
        if self.engaged_on is not None:
            return Stage.ENGAGED
        if self.first_session_on is not None:
            return Stage.FIRST_SESSION
        if r.contacted_on is not None:
            return Stage.CONTACTED
        if r.contact_attempted_on is not None:
            return Stage.CONTACT_ATTEMPTED
        return Stage.RECEIVED

    @property
    def responded_on(self) -> date | None:
        r = self.referral
        days = [d for d in (r.contact_attempted_on, r.contacted_on, self.first_session_on) if d]
        return min(days) if days else None

    @property
    def first_contact_on(self) -> date | None:
        """When they were first reached: recorded contact, or their first session."""
        r = self.referral
        days = [d for d in (r.contacted_on, self.first_session_on) if d]
        return min(days) if days else None

    def waiting(self) -> bool:
        """Not yet responded to, and not closed."""
        return self.responded_on is None and self.referral.closed_on is None

    def working_days_waited(self, today: date, holidays: BankHolidays | None = None) -> int:
        """Working days since it was received, up to the response (or today while waiting)."""
        end = self.responded_on or self.referral.closed_on or today
        return working_days_between(self.referral.received_on, end, holidays)

    def overdue(self, today: date, limit: int, holidays: BankHolidays | None = None) -> bool:
        """Still waiting after more than `limit` working days."""
        return self.waiting() and self.working_days_waited(today, holidays) > limit


def progress(referral: Referral, attended_on: Iterable[date]) -> Progress:
    """`attended_on`: the dates of every session the person attended (any order)."""
    since = sorted(d for d in attended_on if d >= referral.received_on)
    return Progress(
        referral,
        first_session_on=since[0] if since else None,
        engaged_on=since[ENGAGED_SESSIONS - 1] if len(since) >= ENGAGED_SESSIONS else None,
        sessions_attended=len(since),
    )


def next_recorded_step(p: Progress) -> Stage | None:
    """The step one keystroke records next, or None when the next comes from attendance (or it
    is closed)."""
    if p.referral.closed_on is not None or p.first_session_on is not None:
        return None
    if p.referral.contact_attempted_on is None and p.referral.contacted_on is None:
        return Stage.CONTACT_ATTEMPTED
    if p.referral.contacted_on is None:
        return Stage.CONTACTED
    return None


def moved_on(referral: Referral, step: Stage, on: date) -> Referral:
    """The referral with `step` recorded on `on` (contact attempted or contacted)."""
    if step is Stage.CONTACT_ATTEMPTED:
        return replace(referral, contact_attempted_on=on)
    if step is Stage.CONTACTED:
        return replace(referral, contacted_on=on)
    raise ValueError(f"{step.label} is not recorded by hand")


def closed(referral: Referral, reason: str, on: date) -> Referral:
    return replace(referral, closed_on=on, closed_reason=reason)


@dataclass(frozen=True)
class ReferralRow:
    """A referral as the inbox shows it: where it has got to, and who it is for."""

    progress: Progress
    person_ref: str
    person_name: str
