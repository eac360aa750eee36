"""What needs attention on Home, in groups a busy person can read: safeguarding concerns first,
then each kind of reminder in the order its earliest item falls due; within a group, the
earliest due first. Each group knows how many it holds, even when only the first few were read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from desktop_app.domain.outcomes.change import ReviewDue
from desktop_app.domain.overview import Attention
from desktop_app.domain.people import PersonSummary
from desktop_app.domain.problems import long_date
from desktop_app.domain.protection.retention import PastRetention
from desktop_app.domain.referrals.pipeline import ReferralRow
from desktop_app.domain.referrals.working_days import working_days_between
from desktop_app.domain.safeguarding import ConcernRow
from desktop_app.domain.vocabularies import CONCERN_KIND
from desktop_app.domain.volunteers import describe_due

RecordKind = Literal["session", "person", "volunteer", "referral", "concern"]

SAFEGUARDING = "safeguarding"
# Groups whose items fall due on the same day keep this order.
GROUP_TITLES = {
    SAFEGUARDING: "Safeguarding concerns not yet resolved",
    "referrals": "Referrals waiting too long for an answer",
    "dbs": "DBS checks due",
    "training": "Training running out",
    "reviews": "Wellbeing reviews due",
    "consent": "No consent recorded",
    "retention": "Past the retention period",
}


@dataclass(frozen=True)
class Opens:
    """The record a line opens."""

    kind: RecordKind
    record_id: str


@dataclass(frozen=True)
class AttentionItem:
    due_on: date | None  # when it falls (or fell) due; None: nothing to date it by
    label: str
    opens: Opens | None = None


@dataclass(frozen=True)
class AttentionGroup:
    key: str  # one of GROUP_TITLES
    items: tuple[AttentionItem, ...]  # earliest due first, undated last
    total: int  # how many there are: more than the items when only the first few were read

    @property
    def title(self) -> str:
        return GROUP_TITLES[self.key]

    @property
    def heading(self) -> str:
        """ "DBS checks due (4)"."""
        return f"{self.title} ({self.total:,})"

    @property
    def earliest(self) -> date | None:
        return min((i.due_on for i in self.items if i.due_on is not None), default=None)

    @property
    def not_read(self) -> int:
        """How many there are beyond the items read."""
        return self.total - len(self.items)


def group(key: str, items: Iterable[AttentionItem], total: int | None = None) -> AttentionGroup:
    """A group of `items`, earliest due first (undated last, in the order given)."""
    if key not in GROUP_TITLES:
        raise ValueError(f"Unknown attention group: {key}")
    ordered = tuple(sorted(items, key=lambda i: (i.due_on is None, i.due_on or date.min)))
    return AttentionGroup(key, ordered, len(ordered) if total is None else max(total, len(ordered)))


def in_order(groups: Iterable[AttentionGroup]) -> list[AttentionGroup]:
    """The groups that hold anything: safeguarding first, then by the earliest due item (groups
    with nothing dated last), then in the order of GROUP_TITLES."""
    order = list(GROUP_TITLES)

    def place(g: AttentionGroup) -> tuple[bool, bool, date, int]:
        earliest = g.earliest
        return (g.key != SAFEGUARDING, earliest is None, earliest or date.min, order.index(g.key))

    return sorted((g for g in groups if g.total > 0), key=place)


def concern_items(concerns: Sequence[ConcernRow]) -> list[AttentionItem]:
    """Open safeguarding concerns as lines (kind, whom it is about, when raised), each opening
    the concern, dated by when it was raised."""
    items = []
    for row in concerns:
        concern = row.concern
        who = f"{row.person_name} ({row.person_ref})" if row.person_name else "at a session"
        label = f"{CONCERN_KIND.label(concern.kind)}, {who}, raised {long_date(concern.raised_on)}"
        items.append(AttentionItem(concern.raised_on, label, Opens("concern", concern.id)))
    return items


def answer_due_on(received_on: date, working_days: int) -> date:
    """The day a referral received on `received_on` is overdue after `working_days`."""
    day = received_on
    while working_days_between(received_on, day) <= working_days:
        day += timedelta(days=1)
    return day


def referral_items(
    rows: Sequence[ReferralRow], working_days: int, today: date
) -> list[AttentionItem]:
    items = []
    for row in rows:
        p = row.progress
        waited = p.working_days_waited(today)
        label = f"{row.person_name} ({row.person_ref}): waiting {waited} working days"
        due = answer_due_on(p.referral.received_on, working_days)
        items.append(AttentionItem(due, label, Opens("referral", p.referral.id)))
    return items


def attention_groups(
    attention: Attention, today: date, concerns: Sequence[AttentionItem] | None = None
) -> list[AttentionGroup]:
    """The quick reminders Home reads at once, grouped. `concerns`: the open safeguarding
    concerns as lines (by default from `attention.open_concerns`), whatever records them."""
    dbs = [
        AttentionItem(
            d.due_on,
            f"{d.name}: renewal {describe_due(d.due_on, today)}",
            Opens("volunteer", d.volunteer_id),
        )
        for d in attention.dbs_due
    ]
    training = [
        AttentionItem(
            t.expires_on,
            f"{t.name}: {t.course} {'ran' if t.expires_on < today else 'runs'} out on "
            f"{long_date(t.expires_on)}",
            Opens("volunteer", t.volunteer_id),
        )
        for t in attention.training_due
    ]
    consent = [_person_item(None, p, "") for p in attention.people_without_consent]
    if concerns is None:
        concerns = concern_items(attention.open_concerns)
    return in_order(
        [
            group(
                SAFEGUARDING,
                concern_items(attention.open_concerns) if concerns is None else concerns,
            ),
            group(
                "referrals",
                referral_items(attention.overdue_referrals, attention.referral_answer_days, today),
            ),
            group("dbs", dbs),
            group("training", training),
            group("consent", consent, attention.people_without_consent_total),
        ]
    )


def reviews_group(
    due: Sequence[ReviewDue],
    summaries: Sequence[PersonSummary],
    measure_names: Mapping[str, str],
    review_weeks: int,
) -> AttentionGroup:
    """One line a person due a wellbeing review, however many measures are due; `summaries`
    may hold only the first few people (the count is of everyone)."""
    by_person: dict[str, list[ReviewDue]] = {}
    for review in due:
        by_person.setdefault(review.person_id, []).append(review)
    items = []
    for person in summaries:
        reviews = by_person[person.id]
        measures = ", ".join(measure_names.get(r.measure_code, r.measure_code) for r in reviews)
        baseline = min(r.baseline_on for r in reviews)
        weeks = max(r.weeks_since for r in reviews)
        detail = f": {measures} (baseline {weeks} weeks ago)"
        items.append(_person_item(baseline + timedelta(weeks=review_weeks), person, detail))
    return group("reviews", items, len(by_person))


def retention_group(past: Sequence[PastRetention], years: int, shown: int) -> AttentionGroup:
    """People whose last contact is older than the retention period: the first `shown`."""
    items = [
        AttentionItem(
            _years_after(p.last_contact, years),
            f"{p.known_as} ({p.ref}), last contact {long_date(p.last_contact)}",
            Opens("person", p.person_id),
        )
        for p in past[:shown]
    ]
    return group("retention", items, len(past))


def _person_item(due_on: date | None, person: PersonSummary, detail: str) -> AttentionItem:
    return AttentionItem(
        due_on, f"{person.known_as} ({person.ref}){detail}", Opens("person", person.id)
    )


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
