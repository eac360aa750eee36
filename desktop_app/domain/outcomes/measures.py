"""Outcome measures: what each one asks, its score range and which way is better.

The facts come from resources/reference/outcome-measures.md. WEMWBS and SWEMWBS item wording is
licensed to each organisation by the University of Warwick and must not ship with PeerLog, so those
items carry no wording here; an organisation may supply its own through `with_wording`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


class MeasureProblem(ValueError):
    """A measure definition (custom, or organisation wording) that cannot be used as given."""


@dataclass(frozen=True)
class Band:
    """A named range of item scores, such as ONS "high" life satisfaction (7-8)."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Item:
    number: int
    wording: str | None
    higher_is_better: bool = True
    bands: tuple[Band, ...] = ()
    short_name: str | None = None
    """A few words for legends and returns, e.g. ONS4 "Anxiety"."""

    @property
    def label(self) -> str:
        return self.wording or f"Item {self.number}"

    @property
    def name(self) -> str:
        return self.short_name or self.label

    def band(self, value: int) -> str | None:
        return next((b.label for b in self.bands if b.low <= value <= b.high), None)


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    items: tuple[Item, ...]
    item_min: int
    item_max: int
    higher_is_better: bool
    threshold: float
    """Smallest change in one person's score that counts as meaningful."""
    has_total: bool = True
    scored_per_item: bool = False
    """Each item is reported on its own (ONS4), rather than as one total."""
    uses_metric: bool = False
    """The raw total converts to a metric score (SWEMWBS) and change is computed on that."""
    wording_is_licensed: bool = False
    """Item wording may not ship; the organisation types it in from its own licence copy."""
    custom: bool = False
    offered: bool = True
    """Offered on new outcome forms. A custom measure that has been stopped is not, but its
    scores still show on people's records and count in returns."""
    answer_labels: tuple[tuple[int, str], ...] = ()
    """What some answer scores mean, e.g. UCLA-3 1 = "Hardly ever or never"."""

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def total_min(self) -> int:
        return self.item_min * self.item_count

    @property
    def total_max(self) -> int:
        return self.item_max * self.item_count

    def with_wording(self, wording: Mapping[int, str]) -> Measure:
        """This measure with item wording supplied by the organisation (item number -> text)."""
        items = list(self.items)
        for number, text in wording.items():
            if not 1 <= number <= self.item_count:
                raise MeasureProblem(
                    f"{self.name} has items 1 to {self.item_count}; there is no item {number}."
                )
            if text.strip():
                items[number - 1] = replace(items[number - 1], wording=text.strip())
        return replace(self, items=tuple(items))


def _unworded(count: int, higher_is_better: bool = True) -> tuple[Item, ...]:
    return tuple(Item(n, None, higher_is_better) for n in range(1, count + 1))


_ONS_POSITIVE_BANDS = (
    Band(0, 4, "Low"),
    Band(5, 6, "Medium"),
    Band(7, 8, "High"),
    Band(9, 10, "Very high"),
)
_ONS_ANXIETY_BANDS = (
    Band(0, 1, "Very low"),
    Band(2, 3, "Low"),
    Band(4, 5, "Medium"),
    Band(6, 10, "High"),
)

SWEMWBS = Measure(
    code="SWEMWBS",
    name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
    items=_unworded(7),
    item_min=1,
    item_max=5,
    higher_is_better=True,
    threshold=3,
    uses_metric=True,
    wording_is_licensed=True,
)

WEMWBS = Measure(
    code="WEMWBS",
    name="Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)",
    items=_unworded(14),
    item_min=1,
    item_max=5,
    higher_is_better=True,
    threshold=3,
    wording_is_licensed=True,
)

ONS4 = Measure(
    code="ONS4",
    name="ONS personal wellbeing (ONS4)",
    items=(
        Item(
            1,
            "Overall, how satisfied are you with your life nowadays?",
            bands=_ONS_POSITIVE_BANDS,
            short_name="Life satisfaction",
        ),
        Item(
            2,
            "Overall, to what extent do you feel that the things you do in your life are "
            "worthwhile?",
            bands=_ONS_POSITIVE_BANDS,
            short_name="Worthwhile",
        ),
        Item(
            3,
            "Overall, how happy did you feel yesterday?",
            bands=_ONS_POSITIVE_BANDS,
            short_name="Happiness",
        ),
        Item(
            4,
            'On a scale where 0 is "not at all anxious" and 10 is "completely anxious", '
            "overall, how anxious did you feel yesterday?",
            higher_is_better=False,
            bands=_ONS_ANXIETY_BANDS,
            short_name="Anxiety",
        ),
    ),
    item_min=0,
    item_max=10,
    higher_is_better=True,
    threshold=1,
    answer_labels=((0, "Not at all"), (10, "Completely")),
    has_total=False,
    scored_per_item=True,
)

UCLA3 = Measure(
    code="UCLA3",
    name="UCLA 3-item loneliness scale",
    items=tuple(
        Item(n, text, higher_is_better=False, short_name=short)
        for n, (text, short) in enumerate(
            (
                ("How often do you feel that you lack companionship?", "Lack companionship"),
                ("How often do you feel that you are left out?", "Left out"),
                ("How often do you feel isolated from others?", "Isolated"),
            ),
            start=1,
        )
    ),
    item_min=1,
    item_max=3,
    higher_is_better=False,
    threshold=1,
    answer_labels=((1, "Hardly ever or never"), (2, "Some of the time"), (3, "Often")),
)

SHIPPED: dict[str, Measure] = {m.code: m for m in (SWEMWBS, WEMWBS, ONS4, UCLA3)}

CUSTOM_ITEM_LIMIT = 50
CUSTOM_SCORE_LIMIT = 100


def custom_measure(
    code: str,
    name: str,
    item_wording: list[str],
    item_min: int,
    item_max: int,
    higher_is_better: bool,
    threshold: float,
    offered: bool = True,
) -> Measure:
    """An organisation's own measure, checked so that it can be scored and compared."""
    name = name.strip()
    if not name:
        raise MeasureProblem("Give the measure a name.")
    if code in SHIPPED:
        raise MeasureProblem(f"{code} is already one of PeerLog's measures; choose another code.")
    if not item_wording:
        raise MeasureProblem("Add at least one question to the measure.")
    if len(item_wording) > CUSTOM_ITEM_LIMIT:
        raise MeasureProblem(f"A measure can have at most {CUSTOM_ITEM_LIMIT} questions.")
    for number, text in enumerate(item_wording, start=1):
        if not text.strip():
            raise MeasureProblem(f"Question {number} has no wording; type the question in.")
    if not (0 <= item_min < item_max <= CUSTOM_SCORE_LIMIT):
        raise MeasureProblem(
            "The lowest answer score must be less than the highest, and both between 0 and "
            f"{CUSTOM_SCORE_LIMIT}; you entered {item_min} to {item_max}."
        )
    widest_change = (item_max - item_min) * len(item_wording)
    if not 0 < threshold <= widest_change:
        raise MeasureProblem(
            f"The meaningful change must be more than 0 and at most {widest_change} "
            f"(the whole range of the total); you entered {threshold:g}."
        )
    return Measure(
        code=code,
        name=name,
        items=tuple(
            Item(n, text.strip(), higher_is_better) for n, text in enumerate(item_wording, start=1)
        ),
        item_min=item_min,
        item_max=item_max,
        higher_is_better=higher_is_better,
        threshold=threshold,
        custom=True,
        offered=offered,
    )


def scores_recorded_text(count: int) -> str:
    """ "1 score has been recorded", "12 scores have been recorded"."""
    return "1 score has been recorded" if count == 1 else f"{count} scores have been recorded"


def scoring_changes(old: Measure, new: Measure) -> bool:
    """Whether `new` would score (or judge change in) a form differently from `old`: the number
    of questions, the answer range, which way is better or the meaningful change. The name and
    the wording of questions are not scoring, and can always be corrected."""
    return (
        old.item_count != new.item_count
        or (old.item_min, old.item_max) != (new.item_min, new.item_max)
        or old.higher_is_better != new.higher_is_better
        or old.threshold != new.threshold
    )
