"""Invented wellbeing and loneliness scores for the demo: a baseline when people arrive, a review
about twelve weeks later while they still come, and an exit when they stop. Most people feel a
little better over time, some no different, a few worse, as in real services."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.outcomes.change import OutcomeRecord, Stage
from desktop_app.domain.outcomes.measures import SHIPPED, Measure
from desktop_app.domain.outcomes.scoring import score
from desktop_app.services.demo.people import DemoPerson, DemoRandom

# measure code -> share of people who fill it in
UPTAKE = {"SWEMWBS": 0.6, "UCLA3": 0.4, "ONS4": 0.3}


def make_outcomes(rng: DemoRandom, people: list[DemoPerson], today: date) -> list[OutcomeRecord]:
    records: list[OutcomeRecord] = []
    for demo in people:
        for code, share in UPTAKE.items():
            if rng.random() < share:
                records += _journey(rng, SHIPPED[code], demo, today)
    return records


def _journey(
    rng: DemoRandom, measure: Measure, demo: DemoPerson, today: date
) -> list[OutcomeRecord]:
    person_id = demo.person.id
    baseline_day = demo.first_contact + timedelta(days=rng.randint(0, 14))
    if baseline_day > today:
        return []
    level = rng.uniform(0.25, 0.55)  # where on the scale they start (0 worst, 1 best)
    trend = rng.choice([0.12, 0.08, 0.05, 0.0, -0.05])  # change per follow-up
    stages = [(Stage.BASELINE, baseline_day)]
    review_day = baseline_day + timedelta(weeks=12 + rng.randint(0, 3))
    if review_day <= min(demo.active_until, today):
        stages.append((Stage.REVIEW, review_day))
    if demo.active_until < today and demo.active_until > review_day:
        stages.append((Stage.EXIT, demo.active_until))
    records = []
    for step, (stage, day) in enumerate(stages):
        wellbeing = min(max(level + trend * step + rng.uniform(-0.05, 0.05), 0.0), 1.0)
        items = [_item(rng, measure, index, wellbeing) for index in range(measure.item_count)]
        records.append(OutcomeRecord(person_id, measure.code, stage, day, score(measure, items)))
    return records


def _item(rng: DemoRandom, measure: Measure, index: int, wellbeing: float) -> int:
    better_high = measure.higher_is_better and not (measure.code == "ONS4" and index == 3)
    position = wellbeing if better_high else 1.0 - wellbeing
    span = measure.item_max - measure.item_min
    value = measure.item_min + round(span * position + rng.uniform(-0.6, 0.6))
    return min(max(value, measure.item_min), measure.item_max)
