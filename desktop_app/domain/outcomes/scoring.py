"""Scoring a completed measure: totals, the SWEMWBS metric score, and what counts as complete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.domain.outcomes.measures import Measure
from desktop_app.domain.problems import Problem

# SWEMWBS raw total -> metric score (Stewart-Brown et al.; see outcome-measures.md).
SWEMWBS_METRIC: dict[int, float] = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75,
    14: 15.32, 15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59,
    21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11,
    28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55,
    35: 35.00,
}  # fmt: skip


class ScoreProblem(ValueError):
    """Scores that cannot be recorded as entered; the message says what to change."""


@dataclass(frozen=True)
class Score:
    """One completed form. `items` is empty for a total-only record (from an import)."""

    items: tuple[int | None, ...]
    total: int | None
    metric: float | None
    complete: bool

    @property
    def headline(self) -> float | None:
        """The number compared over time: the metric score where there is one, else the total."""
        return self.metric if self.metric is not None else self.total

    def text(self) -> str:
        """The score as a table or a list shows it: "21 (metric 19.98)", "14", "3, –, 5"."""
        if not self.complete:
            return "Incomplete (no total)"
        if self.metric is not None:
            return f"{self.total} (metric {self.metric:.2f})"
        if self.total is not None:
            return str(self.total)
        return ", ".join("–" if item is None else str(item) for item in self.items)


def item_problem(measure: Measure, number: int, value: int) -> str | None:
    """Why `value` cannot be the answer to item `number`, or None when it can."""
    if measure.item_min <= value <= measure.item_max:
        return None
    return (
        f"Item {number} must be between {measure.item_min} and {measure.item_max}; "
        f"you entered {value}."
    )


def item_field(number: int) -> str:
    """The field name a form uses for item `number`'s score."""
    return f"item_{number}"


def score_problems(measure: Measure, item_scores: Sequence[int | None]) -> list[Problem]:
    """Everything wrong with a form's item scores, item by item (empty when it can be scored)."""
    if len(item_scores) != measure.item_count:
        return [
            Problem(
                "items",
                f"{measure.name} has {measure.item_count} items; {len(item_scores)} were given.",
            )
        ]
    problems = []
    for number, value in enumerate(item_scores, start=1):
        if value is not None and (message := item_problem(measure, number, value)):
            problems.append(Problem(item_field(number), message))
    return problems


def score(measure: Measure, item_scores: Sequence[int | None]) -> Score:
    """Score a form. A missing item (None) keeps the form but leaves it without a total."""
    if problems := score_problems(measure, item_scores):
        raise ScoreProblem(problems[0].message)
    complete = all(value is not None for value in item_scores)
    total: int | None = None
    if complete and measure.has_total:
        total = sum(v for v in item_scores if v is not None)
    return Score(tuple(item_scores), total, _metric(measure, total), complete)


def total_problems(measure: Measure, total: int) -> list[Problem]:
    if not measure.has_total:
        return [Problem("total", f"{measure.name} has no total; record each item instead.")]
    if not measure.total_min <= total <= measure.total_max:
        return [
            Problem(
                "total",
                f"The total must be between {measure.total_min} and {measure.total_max}; "
                f"you entered {total}.",
            )
        ]
    return []


def score_from_total(measure: Measure, total: int) -> Score:
    """A record that has only a total, as imports often do."""
    if problems := total_problems(measure, total):
        raise ScoreProblem(problems[0].message)
    return Score((), total, _metric(measure, total), complete=True)


def _metric(measure: Measure, total: int | None) -> float | None:
    if not measure.uses_metric or total is None:
        return None
    return SWEMWBS_METRIC[total]
