"""What a return counts about referrals received in a period, before disclosure control.

Everything is as it stood at the end of the period: a step recorded (or a session attended)
after that day does not count. Days are working days (domain/referrals/working_days.py).

- received: referrals received in the period, by kind of referrer;
- responded to within 5 and within 10 working days (the first of contact attempted, contacted,
  first session);
- the median working days to first contact (contacted, or a first session) and to the first
  session, over the referrals that got there;
- reached a first session, engaged (three sessions or more);
- closed by reason, and those still open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from desktop_app.domain.referrals.pipeline import Progress
from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, SOURCE_KIND
from desktop_app.domain.referrals.working_days import BankHolidays, working_days_between

RESPONSE_DAYS = (5, 10)
STILL_OPEN = "still_open"
KEYS = 256  # record keys run from 0 to 255; a cell key is their sum modulo this
Keyed = tuple[Progress, int]  # a referral with the record key of the person referred


@dataclass(frozen=True)
class ReferralKeys:
    """The cell key of every count (the sum of the referred people's record keys, mod 256),
    in the shape of the counts, for cell key perturbation (domain/returns/perturbation.py)."""

    by_source: Mapping[str, int]
    by_outcome: Mapping[str, int]
    responded_within: Mapping[int, int]
    first_contact: int  # of the referrals the median to first contact is taken over
    first_session: int  # of those that came to a first session (and of its median)
    engaged: int


@dataclass(frozen=True)
class Median:
    days: float | None  # None when nobody got there
    referrals: int  # how many it is the median of


@dataclass(frozen=True)
class ReferralFigures:
    received: int
    by_source: Mapping[str, int]  # SOURCE_KIND code -> referrals
    responded_within: Mapping[int, int]  # 5 -> referrals, 10 -> referrals
    first_contact: Median
    first_session: Median
    reached_first_session: int
    engaged: int
    by_outcome: Mapping[str, int]  # CLOSING_REASON code, or STILL_OPEN -> referrals
    keys: ReferralKeys


def _by_end(day: date | None, end: date) -> date | None:
    return day if day is not None and day <= end else None


def _median(days: Sequence[int]) -> Median:
    return Median(float(median(days)) if days else None, len(days))


def referral_figures(
    received: Sequence[Keyed], end: date, holidays: BankHolidays | None = None
) -> ReferralFigures:
    """`received`: every referral received in the period, with its progress and the record key
    of the person referred."""
    by_source = {code: 0 for code in SOURCE_KIND.codes}
    by_outcome = {code: 0 for code in CLOSING_REASON.codes} | {STILL_OPEN: 0}
    within = {days: 0 for days in RESPONSE_DAYS}
    keys: dict[str, int] = {}

    def add_key(name: str, key: int) -> None:
        keys[name] = (keys.get(name, 0) + key) % KEYS

    to_contact: list[int] = []
    to_session: list[int] = []
    engaged = 0
    for p, key in received:
        r = p.referral
        by_source[r.source_kind] += 1
        add_key(f"source:{r.source_kind}", key)
        outcome = r.closed_reason if _by_end(r.closed_on, end) else STILL_OPEN
        by_outcome[outcome] += 1
        add_key(f"outcome:{outcome}", key)
        responded = _by_end(p.responded_on, end)
        if responded is not None:
            waited = working_days_between(r.received_on, responded, holidays)
            for days in RESPONSE_DAYS:
                if waited <= days:
                    within[days] += 1
                    add_key(f"within:{days}", key)
        contact = _by_end(p.first_contact_on, end)
        if contact is not None:
            to_contact.append(working_days_between(r.received_on, contact, holidays))
            add_key("first_contact", key)
        session = _by_end(p.first_session_on, end)
        if session is not None:
            to_session.append(working_days_between(r.received_on, session, holidays))
            add_key("first_session", key)
        if _by_end(p.engaged_on, end) is not None:
            engaged += 1
            add_key("engaged", key)
    return ReferralFigures(
        received=len(received),
        by_source=by_source,
        responded_within=within,
        first_contact=_median(to_contact),
        first_session=_median(to_session),
        reached_first_session=len(to_session),
        engaged=engaged,
        by_outcome=by_outcome,
        keys=ReferralKeys(
            by_source={code: keys.get(f"source:{code}", 0) for code in by_source},
            by_outcome={code: keys.get(f"outcome:{code}", 0) for code in by_outcome},
            responded_within={days: keys.get(f"within:{days}", 0) for days in within},
            first_contact=keys.get("first_contact", 0),
            first_session=keys.get("first_session", 0),
            engaged=keys.get("engaged", 0),
        ),
    )


def no_referrals() -> ReferralFigures:
    """The figures of a period with no referrals received."""
    return referral_figures([], date.min)
