"""Scoring of the shipped measures, checked against the shared reference file."""

from __future__ import annotations

import re

import pytest

from desktop_app.domain.outcomes.measures import (
    ONS4,
    SHIPPED,
    SWEMWBS,
    UCLA3,
    WEMWBS,
    Measure,
    MeasureProblem,
    custom_measure,
)
from desktop_app.domain.outcomes.scoring import (
    SWEMWBS_METRIC,
    ScoreProblem,
    item_problem,
    score,
    score_from_total,
    score_problems,
)
from desktop_app.domain.problems import Problem
from desktop_app.resources import resource_path


def reference_conversion_table() -> dict[int, float]:
    """The SWEMWBS raw -> metric table as written in the shipped reference markdown."""
    text = resource_path("reference", "outcome-measures.md").read_text(encoding="utf-8")
    section = text.split("## SWEMWBS", 1)[1].split("\n## ", 1)[0]
    table: dict[int, float] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells or not re.fullmatch(r"\d+", cells[0]):
            continue
        for raw, metric in zip(cells[0::2], cells[1::2], strict=True):
            if raw:
                assert raw not in table, f"raw score {raw} appears twice in the reference"
                table[int(raw)] = float(metric)
    return table


REFERENCE = reference_conversion_table()


def test_reference_table_covers_every_raw_total() -> None:
    assert sorted(REFERENCE) == list(range(7, 36))
    assert sorted(SWEMWBS_METRIC) == list(range(7, 36))


@pytest.mark.parametrize("raw", sorted(REFERENCE))
def test_conversion_entry_matches_reference(raw: int) -> None:
    assert SWEMWBS_METRIC[raw] == REFERENCE[raw]


def test_conversion_rises_with_raw_total() -> None:
    metrics = [SWEMWBS_METRIC[raw] for raw in range(7, 36)]
    assert metrics == sorted(metrics) and len(set(metrics)) == len(metrics)


def test_swemwbs_total_and_metric() -> None:
    result = score(SWEMWBS, [3, 4, 2, 5, 1, 3, 4])
    assert result.total == 22
    assert result.metric == 19.98
    assert result.headline == 19.98
    assert result.complete


@pytest.mark.parametrize(("items", "total"), [([1] * 14, 14), ([5] * 14, 70), ([1, 2] * 7, 21)])
def test_wemwbs_total(items: list[int], total: int) -> None:
    result = score(WEMWBS, items)
    assert (result.total, result.metric, result.complete) == (total, None, True)
    assert result.headline == total


@pytest.mark.parametrize("measure", [SWEMWBS, WEMWBS])
def test_licensed_form_with_missing_item_kept_without_total(measure: Measure) -> None:
    items: list[int | None] = [3] * measure.item_count
    items[2] = None
    result = score(measure, items)
    assert result.items[2] is None and result.items[0] == 3
    assert result.total is None and result.metric is None and result.headline is None
    assert not result.complete


def test_ons4_scored_per_item_without_total() -> None:
    result = score(ONS4, [7, 8, 6, 2])
    assert result.items == (7, 8, 6, 2)
    assert result.total is None and result.complete
    assert ONS4.scored_per_item and not ONS4.has_total


def test_ons4_anxiety_item_is_lower_is_better_and_others_higher() -> None:
    assert [item.higher_is_better for item in ONS4.items] == [True, True, True, False]


@pytest.mark.parametrize(
    ("number", "value", "band"),
    [
        (1, 0, "Low"),
        (1, 4, "Low"),
        (2, 5, "Medium"),
        (3, 8, "High"),
        (3, 9, "Very high"),
        (4, 1, "Very low"),
        (4, 3, "Low"),
        (4, 5, "Medium"),
        (4, 6, "High"),
        (4, 10, "High"),
    ],
)
def test_ons_bands(number: int, value: int, band: str) -> None:
    assert ONS4.items[number - 1].band(value) == band


def test_ucla3_total_lower_is_better() -> None:
    result = score(UCLA3, [1, 2, 3])
    assert result.total == 6 and result.complete
    assert not UCLA3.higher_is_better
    assert all(not item.higher_is_better for item in UCLA3.items)
    assert (UCLA3.total_min, UCLA3.total_max, UCLA3.threshold) == (3, 9, 1)


def test_thresholds_of_shipped_measures() -> None:
    assert {code: m.threshold for code, m in SHIPPED.items()} == {
        "SWEMWBS": 3,
        "WEMWBS": 3,
        "ONS4": 1,
        "UCLA3": 1,
    }


@pytest.mark.parametrize(
    ("measure", "items", "message"),
    [
        (SWEMWBS, [1, 2, 7, 1, 1, 1, 1], "Item 3 must be between 1 and 5; you entered 7"),
        (SWEMWBS, [0, 2, 3, 1, 1, 1, 1], "Item 1 must be between 1 and 5; you entered 0"),
        (ONS4, [5, 5, 5, 11], "Item 4 must be between 0 and 10; you entered 11"),
        (UCLA3, [1, 4, 1], "Item 2 must be between 1 and 3; you entered 4"),
    ],
)
def test_out_of_range_refused(measure: Measure, items: list[int], message: str) -> None:
    with pytest.raises(ScoreProblem, match=re.escape(message)):
        score(measure, items)


def test_item_problem_accepts_the_range_ends() -> None:
    assert item_problem(ONS4, 1, 0) is None and item_problem(ONS4, 1, 10) is None
    assert item_problem(ONS4, 1, -1) == "Item 1 must be between 0 and 10; you entered -1."


def test_every_out_of_range_item_is_reported_against_its_field() -> None:
    assert score_problems(UCLA3, [0, 2, 4]) == [
        Problem("item_1", "Item 1 must be between 1 and 3; you entered 0."),
        Problem("item_3", "Item 3 must be between 1 and 3; you entered 4."),
    ]
    assert score_problems(UCLA3, [None, 2, 3]) == []


def test_wrong_number_of_items_refused() -> None:
    with pytest.raises(ScoreProblem, match="has 3 items; 4 were given"):
        score(UCLA3, [1, 1, 1, 1])


def test_total_only_record() -> None:
    swemwbs = score_from_total(SWEMWBS, 21)
    assert (swemwbs.items, swemwbs.total, swemwbs.metric, swemwbs.complete) == (
        (),
        21,
        19.25,
        True,
    )
    assert score_from_total(WEMWBS, 50).headline == 50
    with pytest.raises(ScoreProblem, match="between 14 and 70; you entered 71"):
        score_from_total(WEMWBS, 71)
    with pytest.raises(ScoreProblem, match="has no total"):
        score_from_total(ONS4, 20)


def test_licensed_wording_does_not_ship() -> None:
    for measure in (SWEMWBS, WEMWBS):
        assert measure.wording_is_licensed
        assert [item.wording for item in measure.items] == [None] * measure.item_count
        assert [item.label for item in measure.items] == [
            f"Item {n}" for n in range(1, measure.item_count + 1)
        ]
    for measure in (ONS4, UCLA3):
        assert all(item.wording for item in measure.items)


def test_ucla3_and_ons4_wording_from_reference() -> None:
    assert UCLA3.items[0].label == "How often do you feel that you lack companionship?"
    assert ONS4.items[0].label == "Overall, how satisfied are you with your life nowadays?"


def test_organisation_supplied_wording() -> None:
    worded = SWEMWBS.with_wording({2: "  Our own item two  ", 5: ""})
    assert worded.items[1].label == "Our own item two"
    assert worded.items[4].label == "Item 5"
    assert SWEMWBS.items[1].label == "Item 2"
    with pytest.raises(MeasureProblem, match="no item 8"):
        SWEMWBS.with_wording({8: "text"})


def test_custom_measure_scored_in_its_direction() -> None:
    measure = custom_measure(
        "custom-1", " Confidence ", ["How confident?", "How calm?"], 0, 4, False, 2
    )
    assert measure.name == "Confidence" and measure.custom and measure.has_total
    assert [item.higher_is_better for item in measure.items] == [False, False]
    assert score(measure, [0, 4]).total == 4
    with pytest.raises(ScoreProblem, match="Item 2 must be between 0 and 4; you entered 5"):
        score(measure, [0, 5])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("c", "", ["Q"], 1, 5, True, 1), "Give the measure a name"),
        (("SWEMWBS", "Mine", ["Q"], 1, 5, True, 1), "already one of PeerLog's measures"),
        (("c", "Mine", [], 1, 5, True, 1), "at least one question"),
        (("c", "Mine", ["Q", " "], 1, 5, True, 1), "Question 2 has no wording"),
        (("c", "Mine", ["Q"], 5, 5, True, 1), "you entered 5 to 5"),
        (("c", "Mine", ["Q"], -1, 5, True, 1), "you entered -1 to 5"),
        (("c", "Mine", ["Q", "R"], 1, 5, True, 0), "more than 0 and at most 8"),
        (("c", "Mine", ["Q", "R"], 1, 5, True, 9), "you entered 9"),
    ],
)
def test_custom_measure_validation(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(MeasureProblem, match=re.escape(message)):
        custom_measure(*args)


def test_short_names_for_legends_and_returns() -> None:
    assert [i.name for i in ONS4.items] == [
        "Life satisfaction",
        "Worthwhile",
        "Happiness",
        "Anxiety",
    ]
    assert [i.name for i in UCLA3.items] == ["Lack companionship", "Left out", "Isolated"]
    assert SWEMWBS.items[0].name == "Item 1"
