"""The rule returns use to say whether people are better off, and who is due a review.

For a period and a measure, a person counts when they have a follow-up (review or exit) dated in
the period and a baseline dated on or before it. Their earliest such baseline is compared with
their latest follow-up in the period. Incomplete forms are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean

from desktop_app.domain.identity import new_id
from desktop_app.domain.outcomes.measures import Measure
from desktop_app.domain.outcomes.scoring import Score
from desktop_app.domain.returns.periods import Period


class Stage(StrEnum):
    BASELINE = "baseline"
    REVIEW = "review"
    EXIT = "exit"

    @property
    def label(self) -> str:
        return self.value.capitalize()


FOLLOW_UPS = frozenset({Stage.REVIEW, Stage.EXIT})


@dataclass(frozen=True)
class OutcomeRecord:
    person_id: str
    measure_code: str
    stage: Stage
    taken_on: date
    score: Score
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class ChangeReport:
    """Change on one measure (or, for ONS4, one item of it) over a period."""

    measure_code: str
    item_number: int | None
    label: str
    higher_is_better: bool
    people: int
    mean_baseline: float | None
    mean_follow_up: float | None
    mean_change: float | None
    improved: int
    worse: int
    no_meaningful_change: int
    # The people (ids) behind each count, for the cell keys of returns: "people", "improved",
    # "worse" and "no_change". Never shown.
    who: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Pair:
    person_id: str
    baseline: OutcomeRecord
    follow_up: OutcomeRecord


def pairs_in_period(
    measure: Measure, records: Iterable[OutcomeRecord], period: Period
) -> list[Pair]:
    """Each counted person's earliest baseline and latest follow-up in the period."""
    by_person: dict[str, list[OutcomeRecord]] = {}
    for record in records:
        if record.measure_code == measure.code and record.score.complete:
            by_person.setdefault(record.person_id, []).append(record)
    pairs = []
    for person_id, own in by_person.items():
        follow_ups = [r for r in own if r.stage in FOLLOW_UPS and r.taken_on in period]
        if not follow_ups:
            continue
        # On the same day an exit outranks a review: it is the later event.
        latest = max(follow_ups, key=lambda r: (r.taken_on, r.stage == Stage.EXIT))
        baselines = [r for r in own if r.stage == Stage.BASELINE and r.taken_on <= latest.taken_on]
        if baselines:
            earliest = min(baselines, key=lambda r: r.taken_on)
            pairs.append(Pair(person_id, earliest, latest))
    return pairs


def outcome_change(
    measure: Measure, records: Iterable[OutcomeRecord], period: Period
) -> list[ChangeReport]:
    """One report for the measure, or one per item for measures scored item by item."""
    pairs = pairs_in_period(measure, records, period)
    if measure.scored_per_item:
        return [
            _report(
                measure,
                item.number,
                item.name,
                item.higher_is_better,
                [_item_values(p, item.number) for p in pairs],
                [p.person_id for p in pairs],
            )
            for item in measure.items
        ]
    values = [_headline_values(p) for p in pairs]
    who = [p.person_id for p in pairs]
    return [_report(measure, None, measure.name, measure.higher_is_better, values, who)]


def _headline_values(pair: Pair) -> tuple[float, float]:
    before, after = pair.baseline.score.headline, pair.follow_up.score.headline
    if before is None or after is None:
        raise ValueError("A complete score always has a total")
    return before, after


def _item_values(pair: Pair, number: int) -> tuple[float, float]:
    before, after = pair.baseline.score.items[number - 1], pair.follow_up.score.items[number - 1]
    if before is None or after is None:
        raise ValueError("A complete form has every item")
    return before, after


def _report(
    measure: Measure,
    item_number: int | None,
    label: str,
    higher_is_better: bool,
    values: list[tuple[float, float]],
    who: list[str],
) -> ChangeReport:
    # Metric scores have two decimals; rounding keeps 3.00 from becoming 2.9999999.
    changes = [round(after - before, 6) for before, after in values]
    gains = [c if higher_is_better else -c for c in changes]
    improved = sum(g >= measure.threshold for g in gains)
    worse = sum(g <= -measure.threshold for g in gains)
    groups = {
        "people": tuple(who),
        "improved": tuple(p for p, g in zip(who, gains, strict=True) if g >= measure.threshold),
        "worse": tuple(p for p, g in zip(who, gains, strict=True) if g <= -measure.threshold),
        "no_change": tuple(
            p for p, g in zip(who, gains, strict=True) if -measure.threshold < g < measure.threshold
        ),
    }
    return ChangeReport(
        measure_code=measure.code,
        item_number=item_number,
        label=label,
        higher_is_better=higher_is_better,
        people=len(values),
        mean_baseline=fmean(b for b, _ in values) if values else None,
        mean_follow_up=fmean(a for _, a in values) if values else None,
        mean_change=fmean(changes) if changes else None,
        improved=improved,
        worse=worse,
        no_meaningful_change=len(values) - improved - worse,
        who=groups,
    )


@dataclass(frozen=True)
class ReviewDue:
    person_id: str
    measure_code: str
    baseline_on: date
    weeks_since: int


def due_for_review(
    records: Iterable[OutcomeRecord], today: date, weeks: int = 12
) -> list[ReviewDue]:
    """People whose latest baseline on a measure is at least `weeks` old with no review or exit
    on or after it. Incomplete forms count: the conversation still happened."""
    if weeks < 1:
        raise ValueError("The review interval must be at least one week")
    latest: dict[tuple[str, str], OutcomeRecord] = {}
    followed_up: dict[tuple[str, str], date] = {}
    for r in records:
        key = (r.person_id, r.measure_code)
        if r.stage == Stage.BASELINE:
            if key not in latest or r.taken_on > latest[key].taken_on:
                latest[key] = r
        elif key not in followed_up or r.taken_on > followed_up[key]:
            followed_up[key] = r.taken_on
    cutoff = today - timedelta(weeks=weeks)
    due = [
        ReviewDue(person, code, b.taken_on, (today - b.taken_on).days // 7)
        for (person, code), b in latest.items()
        if b.taken_on <= cutoff
        and ((person, code) not in followed_up or followed_up[(person, code)] < b.taken_on)
    ]
    return sorted(due, key=lambda d: (d.baseline_on, d.person_id, d.measure_code))
