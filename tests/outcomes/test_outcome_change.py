"""The pairing rule returns use, on hand-made cases, and the due-for-review list."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.outcomes.change import (
    ChangeReport,
    OutcomeRecord,
    Period,
    Stage,
    due_for_review,
    outcome_change,
    pairs_in_period,
)
from desktop_app.domain.outcomes.measures import ONS4, SWEMWBS, UCLA3, WEMWBS, Measure
from desktop_app.domain.outcomes.scoring import score, score_from_total

BASELINE, REVIEW, EXIT = Stage.BASELINE, Stage.REVIEW, Stage.EXIT
YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


def wemwbs(person: str, stage: Stage, on: date, total: int) -> OutcomeRecord:
    return OutcomeRecord(person, "WEMWBS", stage, on, score_from_total(WEMWBS, total))


def form(
    measure: Measure, person: str, stage: Stage, on: date, items: list[int | None]
) -> OutcomeRecord:
    return OutcomeRecord(person, measure.code, stage, on, score(measure, items))


def only(reports: list[ChangeReport]) -> ChangeReport:
    assert len(reports) == 1
    return reports[0]


def test_one_person_baseline_then_review() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 1, 10), 40),
        wemwbs("p1", REVIEW, date(2025, 6, 1), 45),
    ]
    report = only(outcome_change(WEMWBS, records, YEAR))
    assert (report.people, report.mean_baseline, report.mean_follow_up) == (1, 40, 45)
    assert (report.mean_change, report.improved, report.worse) == (5, 1, 0)
    assert report.no_meaningful_change == 0


def test_earliest_of_several_baselines_is_used() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 5, 1), 50),
        wemwbs("p1", BASELINE, date(2025, 2, 1), 30),
        wemwbs("p1", BASELINE, date(2025, 3, 1), 44),
        wemwbs("p1", REVIEW, date(2025, 7, 1), 46),
    ]
    [pair] = pairs_in_period(WEMWBS, records, YEAR)
    assert pair.baseline.taken_on == date(2025, 2, 1)
    assert only(outcome_change(WEMWBS, records, YEAR)).mean_change == 16


def test_latest_follow_up_in_period_is_used_and_exit_outranks_review_on_same_day() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 1, 1), 40),
        wemwbs("p1", REVIEW, date(2025, 5, 1), 60),
        wemwbs("p1", REVIEW, date(2025, 9, 1), 50),
        wemwbs("p1", EXIT, date(2025, 9, 1), 38),
        wemwbs("p1", REVIEW, date(2025, 9, 1), 50),
    ]
    [pair] = pairs_in_period(WEMWBS, records, YEAR)
    assert pair.follow_up.stage == EXIT
    report = only(outcome_change(WEMWBS, records, YEAR))
    assert (report.mean_change, report.improved, report.worse, report.no_meaningful_change) == (
        -2,
        0,
        0,
        1,
    )


def test_follow_up_before_baseline_does_not_count() -> None:
    records = [
        wemwbs("p1", REVIEW, date(2025, 5, 1), 50),
        wemwbs("p1", BASELINE, date(2025, 6, 1), 40),
    ]
    assert only(outcome_change(WEMWBS, records, YEAR)).people == 0


def test_baseline_after_latest_follow_up_is_not_the_one_compared() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 4, 10), 30),
        wemwbs("p1", REVIEW, date(2025, 8, 1), 40),
        wemwbs("p1", BASELINE, date(2025, 9, 1), 20),
    ]
    [pair] = pairs_in_period(WEMWBS, records, YEAR)
    assert pair.baseline.taken_on == date(2025, 4, 10)


def test_baseline_and_follow_up_on_the_same_day_count() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 6, 1), 30),
        wemwbs("p1", EXIT, date(2025, 6, 1), 33),
    ]
    assert only(outcome_change(WEMWBS, records, YEAR)).improved == 1


@pytest.mark.parametrize("follow_up_on", [date(2025, 3, 31), date(2026, 4, 1)])
def test_follow_up_outside_the_period_does_not_count(follow_up_on: date) -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 1, 1), 30),
        wemwbs("p1", REVIEW, follow_up_on, 40),
    ]
    assert only(outcome_change(WEMWBS, records, YEAR)).people == 0


def test_period_ends_are_included_and_later_follow_up_is_ignored() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2025, 1, 1), 30),
        wemwbs("p1", REVIEW, date(2025, 4, 1), 35),
        wemwbs("p2", BASELINE, date(2025, 1, 1), 30),
        wemwbs("p2", REVIEW, date(2026, 3, 31), 28),
        wemwbs("p2", EXIT, date(2026, 4, 2), 60),
    ]
    report = only(outcome_change(WEMWBS, records, YEAR))
    assert (report.people, report.mean_follow_up, report.mean_change) == (2, 31.5, 1.5)


def test_incomplete_forms_are_ignored() -> None:
    missing = [3] * 6 + [None]
    records = [
        # p1: the latest review is incomplete, so the earlier complete one is used.
        form(SWEMWBS, "p1", BASELINE, date(2025, 1, 1), [2] * 7),
        form(SWEMWBS, "p1", REVIEW, date(2025, 6, 1), [3] * 7),
        form(SWEMWBS, "p1", REVIEW, date(2025, 9, 1), missing),
        # p2: the only baseline is incomplete, so p2 is not counted.
        form(SWEMWBS, "p2", BASELINE, date(2025, 1, 1), missing),
        form(SWEMWBS, "p2", EXIT, date(2025, 6, 1), [4] * 7),
        # p3: an earlier incomplete baseline does not displace the complete one.
        form(SWEMWBS, "p3", BASELINE, date(2024, 12, 1), missing),
        form(SWEMWBS, "p3", BASELINE, date(2025, 1, 1), [4] * 7),
        form(SWEMWBS, "p3", EXIT, date(2025, 6, 1), [4] * 7),
    ]
    pairs = {p.person_id: p for p in pairs_in_period(SWEMWBS, records, YEAR)}
    assert sorted(pairs) == ["p1", "p3"]
    assert pairs["p1"].follow_up.taken_on == date(2025, 6, 1)
    assert pairs["p3"].baseline.taken_on == date(2025, 1, 1)


def test_swemwbs_change_is_on_metric_scores() -> None:
    # Raw 12 -> 16 is 4 raw points but only 2.28 metric points: not a meaningful change.
    # Raw 16 -> 20 is 16.36 -> 18.59 (2.23); raw 20 -> 25 is 18.59 -> 22.35 (3.76): improved.
    records = [
        OutcomeRecord("a", "SWEMWBS", BASELINE, date(2025, 1, 1), score_from_total(SWEMWBS, 12)),
        OutcomeRecord("a", "SWEMWBS", REVIEW, date(2025, 6, 1), score_from_total(SWEMWBS, 16)),
        OutcomeRecord("b", "SWEMWBS", BASELINE, date(2025, 1, 1), score_from_total(SWEMWBS, 20)),
        form(SWEMWBS, "b", EXIT, date(2025, 6, 1), [4, 4, 4, 4, 3, 3, 3]),
    ]
    report = only(outcome_change(SWEMWBS, records, YEAR))
    assert report.people == 2
    assert report.mean_baseline == pytest.approx((14.08 + 18.59) / 2)
    assert report.mean_follow_up == pytest.approx((16.36 + 22.35) / 2)
    assert report.mean_change == pytest.approx((2.28 + 3.76) / 2)
    assert (report.improved, report.worse, report.no_meaningful_change) == (1, 0, 1)


def test_threshold_is_inclusive_both_ways() -> None:
    records = [
        wemwbs("up", BASELINE, date(2025, 1, 1), 40),
        wemwbs("up", REVIEW, date(2025, 6, 1), 43),
        wemwbs("down", BASELINE, date(2025, 1, 1), 40),
        wemwbs("down", REVIEW, date(2025, 6, 1), 37),
        wemwbs("flat", BASELINE, date(2025, 1, 1), 40),
        wemwbs("flat", REVIEW, date(2025, 6, 1), 42),
    ]
    report = only(outcome_change(WEMWBS, records, YEAR))
    assert (report.improved, report.worse, report.no_meaningful_change) == (1, 1, 1)


def test_ucla3_fall_is_an_improvement() -> None:
    records = [
        form(UCLA3, "lonely-less", BASELINE, date(2025, 1, 1), [3, 3, 2]),
        form(UCLA3, "lonely-less", REVIEW, date(2025, 6, 1), [2, 2, 2]),
        form(UCLA3, "lonelier", BASELINE, date(2025, 1, 1), [1, 1, 1]),
        form(UCLA3, "lonelier", REVIEW, date(2025, 6, 1), [2, 1, 1]),
        form(UCLA3, "much-less", BASELINE, date(2025, 1, 1), [3, 3, 3]),
        form(UCLA3, "much-less", EXIT, date(2025, 6, 1), [1, 2, 1]),
    ]
    report = only(outcome_change(UCLA3, records, YEAR))
    assert not report.higher_is_better
    assert report.mean_baseline == pytest.approx(20 / 3)
    assert report.mean_follow_up == pytest.approx(14 / 3)
    assert report.mean_change == pytest.approx(-2)
    assert (report.improved, report.worse, report.no_meaningful_change) == (2, 1, 0)


def test_ons4_reports_each_item_in_its_own_direction() -> None:
    records = [
        form(ONS4, "p1", BASELINE, date(2025, 1, 1), [4, 5, 6, 8]),
        form(ONS4, "p1", REVIEW, date(2025, 6, 1), [6, 5, 5, 3]),
        form(ONS4, "p2", BASELINE, date(2025, 1, 1), [2, 2, 2, 2]),
        form(ONS4, "p2", EXIT, date(2025, 6, 1), [2, 3, 2, 2]),
    ]
    reports = outcome_change(ONS4, records, YEAR)
    assert [r.item_number for r in reports] == [1, 2, 3, 4]
    assert [r.higher_is_better for r in reports] == [True, True, True, False]
    assert all(r.people == 2 for r in reports)
    summary = [(r.mean_change, r.improved, r.worse, r.no_meaningful_change) for r in reports]
    assert summary == [
        (1, 1, 0, 1),  # life satisfaction: +2, 0
        (0.5, 1, 0, 1),  # worthwhile: 0, +1
        (-0.5, 0, 1, 1),  # happy: -1, 0
        (-2.5, 1, 0, 1),  # anxiety: -5 is better, 0
    ]
    assert [r.label for r in reports] == ["Life satisfaction", "Worthwhile", "Happiness", "Anxiety"]


def test_other_measures_are_ignored_and_nobody_gives_empty_means() -> None:
    records = [
        form(UCLA3, "p1", BASELINE, date(2025, 1, 1), [3, 3, 3]),
        form(UCLA3, "p1", REVIEW, date(2025, 6, 1), [1, 1, 1]),
    ]
    report = only(outcome_change(WEMWBS, records, YEAR))
    assert report.people == 0
    assert (report.mean_baseline, report.mean_follow_up, report.mean_change) == (None, None, None)
    assert (report.improved, report.worse, report.no_meaningful_change) == (0, 0, 0)


# Due for review ---------------------------------------------------------------------------

TODAY = date(2025, 6, 30)


def test_baseline_older_than_the_interval_with_no_review_is_due() -> None:
    records = [
        wemwbs("due", BASELINE, date(2025, 4, 7), 40),  # exactly 12 weeks ago
        wemwbs("recent", BASELINE, date(2025, 4, 8), 40),  # a day short of 12 weeks
        wemwbs("reviewed", BASELINE, date(2025, 1, 1), 40),
        wemwbs("reviewed", REVIEW, date(2025, 4, 1), 40),
        wemwbs("left", BASELINE, date(2025, 1, 1), 40),
        wemwbs("left", EXIT, date(2025, 2, 1), 40),
    ]
    due = due_for_review(records, TODAY)
    assert [(d.person_id, d.baseline_on, d.weeks_since) for d in due] == [
        ("due", date(2025, 4, 7), 12)
    ]


def test_review_before_a_newer_baseline_does_not_clear_it() -> None:
    records = [
        wemwbs("p1", BASELINE, date(2024, 6, 1), 40),
        wemwbs("p1", REVIEW, date(2024, 9, 1), 40),
        wemwbs("p1", BASELINE, date(2025, 1, 1), 40),
        form(SWEMWBS, "p1", BASELINE, date(2025, 6, 1), [3] * 7),
    ]
    due = due_for_review(records, TODAY)
    assert [(d.measure_code, d.baseline_on) for d in due] == [("WEMWBS", date(2025, 1, 1))]
    assert due_for_review(records, TODAY, weeks=4)[-1].measure_code == "SWEMWBS"


def test_review_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least one week"):
        due_for_review([], TODAY, weeks=0)
