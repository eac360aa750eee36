"""Disclosure control: worked examples, and properties checked against what a reader can deduce."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.returns.disclosure import (
    Cell,
    DisclosureRules,
    DisclosureSettingsError,
    LinkedBreakdown,
    ProtectedBreakdown,
    protect_breakdown,
    protect_count,
    protect_linked,
    protect_mean,
)
from tests.returns.disclosure_reader import ShownTable

FIVE = DisclosureRules()


def shown(breakdown: ProtectedBreakdown) -> dict[str, int | None]:
    return {code: cell.value for code, cell in breakdown.cells.items()}


# --- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [3, 5, 10])
def test_thresholds_from_3_to_10_are_accepted(threshold: int) -> None:
    assert DisclosureRules(threshold).marker == f"<{threshold}"


@pytest.mark.parametrize("threshold", [0, 2, 11, 5.0, True, "5"])
def test_other_thresholds_are_refused_with_a_plain_message(threshold: object) -> None:
    with pytest.raises(DisclosureSettingsError, match="whole number from 3 to 10"):
        DisclosureRules(threshold)  # type: ignore[arg-type]


def test_the_default_is_k_5_without_rounding() -> None:
    assert DisclosureRules() == DisclosureRules(5, round_to_five=False)


# --- single counts and means ------------------------------------------------------------------


def test_counts_from_1_to_k_minus_1_are_hidden_and_zero_is_shown() -> None:
    assert protect_count(0, FIVE) == Cell(0, False)
    assert [protect_count(n, FIVE) for n in range(1, 5)] == [Cell(None, True)] * 4
    assert protect_count(5, FIVE) == Cell(5, False)
    assert protect_count(2, DisclosureRules(3)) == Cell(None, True)
    assert protect_count(3, DisclosureRules(3)) == Cell(3, False)


def test_negative_or_fractional_counts_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="whole number"):
        protect_count(-1, FIVE)
    with pytest.raises(ValueError, match="whole number"):
        protect_breakdown({"a": 2.5}, FIVE)  # type: ignore[dict-item]


def test_means_need_at_least_k_people() -> None:
    assert protect_mean(2.75, 4, FIVE).suppressed
    assert protect_mean(2.75, 4, FIVE).value is None
    assert protect_mean(2.75, 5, FIVE).value == 2.75
    assert protect_mean(None, 12, FIVE).suppressed
    assert protect_mean(-1.5, 3, DisclosureRules(3)).value == -1.5


def test_rounding_to_the_nearest_5() -> None:
    rounding = DisclosureRules(5, round_to_five=True)
    assert [protect_count(n, rounding).value for n in (0, 5, 7, 8, 12, 13, 102)] == [
        0, 5, 5, 10, 10, 15, 100,
    ]  # fmt: skip
    assert protect_count(4, rounding).suppressed


def test_rounding_never_shows_a_count_below_k() -> None:
    rounding = DisclosureRules(7, round_to_five=True)
    assert protect_count(7, rounding).value == 10  # nearest 5 would be 5, which is below 7
    assert protect_count(12, rounding).value == 10


# --- one-way tables -----------------------------------------------------------------------------


def test_a_small_cell_and_the_next_smallest_are_hidden() -> None:
    result = protect_breakdown({"a": 10, "b": 2, "c": 7, "d": 0, "e": 20}, FIVE)
    assert shown(result) == {"a": 10, "b": None, "c": None, "d": 0, "e": 20}
    assert result.total == Cell(39, False)
    assert result.suppressed_codes() == ["b", "c"]
    assert not result.withheld


def test_two_small_cells_adding_up_to_k_protect_each_other() -> None:
    result = protect_breakdown({"a": 3, "b": 2, "c": 20}, FIVE)
    assert shown(result) == {"a": None, "b": None, "c": 20}


def test_two_small_cells_below_k_together_need_a_third() -> None:
    result = protect_breakdown({"a": 1, "b": 2, "c": 9, "d": 6}, FIVE)
    assert shown(result) == {"a": None, "b": None, "c": 9, "d": None}


def test_hidden_ones_that_could_only_be_1_each_need_another_cell_hidden() -> None:
    # Three hidden cells adding up to 3 would each have to be 1.
    result = protect_breakdown({"a": 1, "b": 1, "c": 1, "d": 10, "e": 12}, DisclosureRules(3))
    assert shown(result) == {"a": None, "b": None, "c": None, "d": None, "e": 12}


def test_ties_are_broken_by_table_order() -> None:
    result = protect_breakdown({"a": 8, "b": 2, "c": 8}, FIVE)
    assert shown(result) == {"a": None, "b": None, "c": 8}
    assert protect_breakdown({"a": 8, "b": 2, "c": 8}, FIVE) == result


def test_a_total_below_k_hides_the_whole_breakdown_zeros_too() -> None:
    result = protect_breakdown({"a": 3, "b": 0, "c": 1}, FIVE)
    assert result.withheld
    assert result.total == Cell(None, True)
    assert shown(result) == {"a": None, "b": None, "c": None}


def test_a_table_that_cannot_be_protected_cell_by_cell_is_withheld() -> None:
    result = protect_breakdown({"a": 1, "b": 1, "c": 1, "d": 0}, DisclosureRules(3))
    assert result.withheld
    assert result.total == Cell(3, False)
    assert set(shown(result).values()) == {None}


def test_an_empty_table_shows_its_zeros() -> None:
    result = protect_breakdown({"a": 0, "b": 0}, FIVE)
    assert shown(result) == {"a": 0, "b": 0}
    assert result.total == Cell(0, False)


def test_rounding_applies_after_suppression() -> None:
    result = protect_breakdown(
        {"a": 3, "b": 2, "c": 23, "d": 0}, DisclosureRules(round_to_five=True)
    )
    assert shown(result) == {"a": None, "b": None, "c": 25, "d": 0}
    assert result.total == Cell(30, False)


# --- linked tables ------------------------------------------------------------------------------

ETHNIC_GROUP_OF = {
    "white_british": "white",
    "white_irish": "white",
    "white_roma": "white",
    "asian_indian": "asian",
    "asian_pakistani": "asian",
    "black_african": "black",
    "not_stated": "not_stated",
}


def test_a_lone_hidden_cell_in_a_shown_group_gets_company() -> None:
    counts = {
        "white_british": 30,
        "white_irish": 6,
        "white_roma": 2,
        "asian_indian": 9,
        "asian_pakistani": 11,
        "black_african": 12,
        "not_stated": 7,
    }
    result = protect_linked(counts, ETHNIC_GROUP_OF, FIVE)
    # One-way: white_roma (2) and the next smallest, white_irish (6), are hidden. Both sit in
    # "white", so White (38) can stay: 38 - 30 = 8 is shared by two hidden cells.
    assert result.detailed.suppressed_codes() == ["white_irish", "white_roma"]
    assert shown(result.high_level) == {"white": 38, "asian": 20, "black": 12, "not_stated": 7}


def test_a_high_level_cell_is_hidden_when_its_group_cannot_protect_a_detailed_cell() -> None:
    counts = {
        "white_british": 30,
        "white_irish": 0,
        "white_roma": 2,
        "asian_indian": 6,
        "asian_pakistani": 20,
        "black_african": 12,
        "not_stated": 7,
    }
    result = protect_linked(counts, ETHNIC_GROUP_OF, FIVE)
    # white_roma (2) is hidden, then asian_indian (6) for the one-way rule. In "white" the only
    # other non-zero cell is white_british; hiding it still leaves 30 + 2, fine: the group rule
    # prefers hiding more detailed cells. In "asian", asian_indian alone is hidden: hide
    # asian_pakistani too.
    assert shown(result.detailed) == {
        "white_british": None,
        "white_irish": 0,
        "white_roma": None,
        "asian_indian": None,
        "asian_pakistani": None,
        "black_african": 12,
        "not_stated": 7,
    }
    assert shown(result.high_level) == {"white": 32, "asian": 26, "black": 12, "not_stated": 7}


def test_a_single_cell_group_hides_its_high_level_cell_with_it() -> None:
    counts = {"a1": 2, "b1": 6, "c1": 40}
    result = protect_linked(counts, {"a1": "a", "b1": "b", "c1": "c"}, FIVE)
    # a1 hidden; b1 is the next smallest. Each is alone in its group, so "a" and "b" go too.
    assert shown(result.detailed) == {"a1": None, "b1": None, "c1": 40}
    assert shown(result.high_level) == {"a": None, "b": None, "c": 40}


def test_hiding_spreads_through_both_levels_until_every_rule_holds() -> None:
    counts = {"a1": 2, "a2": 9, "b1": 8, "c1": 40}
    group_of = {"a1": "a", "a2": "a", "b1": "b", "c1": "c"}
    result = protect_linked(counts, group_of, FIVE)
    # One-way: a1 (2), then the next smallest, b1 (8). In "a", a1 is alone: hide a2. In "b",
    # b1 is alone with nothing left to hide, so "b" goes; then "a", the next smallest high-level
    # cell, so that "b" cannot be worked out from the total.
    assert shown(result.detailed) == {"a1": None, "a2": None, "b1": None, "c1": 40}
    assert shown(result.high_level) == {"a": None, "b": None, "c": 40}
    assert result.high_level.total == Cell(59, False)


def test_the_same_table_gives_the_same_result_in_every_run() -> None:
    """Python orders sets differently from run to run; the cells hidden must not change."""
    script = (
        "from desktop_app.domain.returns.disclosure import DisclosureRules, protect_linked\n"
        "counts = {f'g{g}c{c}': (g * 7 + c * 3) % 9 for g in range(6) for c in range(4)}\n"
        "group_of = {code: code[:2] for code in counts}\n"
        "result = protect_linked(counts, group_of, DisclosureRules(4))\n"
        "print(result.detailed.suppressed_codes(), result.high_level.suppressed_codes())\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1
    assert "g" in outputs.pop()


def test_linked_total_below_k_withholds_both_levels() -> None:
    result = protect_linked({"a1": 1, "a2": 0, "b1": 2}, {"a1": "a", "a2": "a", "b1": "b"}, FIVE)
    assert result.detailed.withheld and result.high_level.withheld
    assert result.high_level.total.suppressed


def test_every_detailed_code_needs_a_group() -> None:
    with pytest.raises(ValueError, match="No high-level group given for b1"):
        protect_linked({"a1": 5, "b1": 6}, {"a1": "a"}, FIVE)


# --- properties ---------------------------------------------------------------------------------

thresholds = st.integers(3, 10)
counts_of_people = st.one_of(st.integers(0, 3), st.integers(0, 12), st.integers(0, 60))
small_thresholds = st.one_of(st.integers(3, 5), thresholds)


@st.composite
def one_way_tables(draw: st.DrawFn) -> dict[str, int]:
    values = draw(st.lists(counts_of_people, min_size=1, max_size=12))
    return {f"c{i}": v for i, v in enumerate(values)}


@st.composite
def linked_tables(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, str]]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=6))
    counts: dict[str, int] = {}
    group_of: dict[str, str] = {}
    for g, size in enumerate(sizes):
        for i in range(size):
            code = f"g{g}c{i}"
            counts[code] = draw(counts_of_people)
            group_of[code] = f"g{g}"
    return counts, group_of


def assert_no_small_count_is_shown(breakdown: ProtectedBreakdown, k: int) -> None:
    for cell in [*breakdown.cells.values(), breakdown.total]:
        assert cell.suppressed == (cell.value is None)
        assert cell.value is None or not 1 <= cell.value < k


def assert_shown_cells_are_true_and_zeros_stay_zero(
    breakdown: ProtectedBreakdown, counts: dict[str, int]
) -> None:
    for code, cell in breakdown.cells.items():
        if not breakdown.withheld and counts[code] == 0:
            assert cell == Cell(0, False)
        if not cell.suppressed:
            assert cell.value == counts[code]


def assert_reader_cannot_recover_or_narrow(
    result: LinkedBreakdown, counts: dict[str, int], group_of: dict[str, str], k: int
) -> None:
    """No hidden cell can be pinned to one value, even knowing that hidden cells are non-zero;
    and no subtraction shows a hidden cell, or a group of them, to hold fewer than k people.

    The values a hidden cell could hold form an unbroken range around its true value (checked
    against brute force below), so it is enough to try the neighbours of the true value, and k.
    """
    total = result.detailed.total.value
    if total is None:
        assert all(c.suppressed for c in result.detailed.cells.values())
        assert all(c.suppressed for c in result.high_level.cells.values())
        return
    detail, high = shown(result.detailed), shown(result.high_level)
    high_counts = {g: sum(v for c, v in counts.items() if group_of[c] == g) for g in high}
    truth = {("detail", c): v for c, v in counts.items()} | {
        ("high", g): v for g, v in high_counts.items()
    }
    nonzero = 0 if result.detailed.withheld else 1
    knowing_nonzero = ShownTable(detail, group_of, high, total, nonzero)
    knowing_less = ShownTable(detail, group_of, high, total, 0)
    for key in knowing_nonzero.hidden_keys():
        true_value = truth[key]
        assert knowing_nonzero.could_be(key, true_value)
        neighbours = (true_value - 1, true_value + 1)
        assert any(knowing_nonzero.could_be(key, v) for v in neighbours), f"{key} is recoverable"
        assert knowing_less.could_be(key, max(k, true_value)), f"{key} is shown to be below {k}"


def as_linked(breakdown: ProtectedBreakdown) -> LinkedBreakdown:
    one_group = ProtectedBreakdown({"all": breakdown.total}, breakdown.total)
    return LinkedBreakdown(breakdown, one_group)


@settings(max_examples=400, deadline=None)
@given(one_way_tables(), thresholds)
def test_one_way_tables_are_protected(counts: dict[str, int], k: int) -> None:
    result = protect_breakdown(counts, DisclosureRules(k))
    assert_no_small_count_is_shown(result, k)
    assert_shown_cells_are_true_and_zeros_stay_zero(result, counts)
    assert_reader_cannot_recover_or_narrow(
        as_linked(result), counts, dict.fromkeys(counts, "all"), k
    )
    assert list(result.cells) == list(counts)


@settings(max_examples=1000, deadline=None)
@given(linked_tables(), small_thresholds)
def test_linked_tables_are_protected(table: tuple[dict[str, int], dict[str, str]], k: int) -> None:
    counts, group_of = table
    result = protect_linked(counts, group_of, DisclosureRules(k))
    high_counts = {
        g: sum(v for c, v in counts.items() if group_of[c] == g) for g in result.high_level.cells
    }
    for level, true_counts in ((result.detailed, counts), (result.high_level, high_counts)):
        assert_no_small_count_is_shown(level, k)
        assert_shown_cells_are_true_and_zeros_stay_zero(level, true_counts)
    assert result.detailed.total == result.high_level.total
    assert_reader_cannot_recover_or_narrow(result, counts, group_of, k)
    # A hidden high-level cell never sits over detailed cells that are all shown.
    for group, cell in result.high_level.cells.items():
        if cell.suppressed:
            assert any(result.detailed.cells[c].suppressed for c in counts if group_of[c] == group)


@settings(max_examples=200, deadline=None)
@given(linked_tables(), thresholds)
def test_rounding_keeps_every_shown_count_a_safe_multiple_of_5(
    table: tuple[dict[str, int], dict[str, str]], k: int
) -> None:
    counts, group_of = table
    rules = DisclosureRules(k, round_to_five=True)
    result = protect_linked(counts, group_of, rules)
    unrounded = protect_linked(counts, group_of, DisclosureRules(k))
    for level, plain in (
        (result.detailed, unrounded.detailed),
        (result.high_level, unrounded.high_level),
    ):
        assert_no_small_count_is_shown(level, k)
        for cell, plain_cell in zip(
            [*level.cells.values(), level.total], [*plain.cells.values(), plain.total], strict=True
        ):
            assert cell.suppressed == plain_cell.suppressed
            if cell.value is not None:
                assert cell.value % 5 == 0
                assert (cell.value == 0) == (plain_cell.value == 0)
                assert abs(cell.value - (plain_cell.value or 0)) <= max(
                    2, 5 - k % 5 if k % 5 else 2
                )


@st.composite
def tiny_shown_tables(draw: st.DrawFn) -> ShownTable:
    counts, group_of = draw(linked_tables().filter(lambda t: len(t[0]) <= 4))
    counts = {c: min(v, 3) for c, v in counts.items()}
    detail = {c: None if draw(st.booleans()) else v for c, v in counts.items()}
    high = {
        g: None if draw(st.booleans()) else sum(v for c, v in counts.items() if group_of[c] == g)
        for g in dict.fromkeys(group_of.values())
    }
    return ShownTable(detail, group_of, high, sum(counts.values()), draw(st.integers(0, 1)))


@settings(max_examples=300, deadline=None)
@given(tiny_shown_tables())
def test_the_reader_model_agrees_with_trying_every_filling_in(table: ShownTable) -> None:
    possible = table.possible_values()
    assert possible == table.possible_values_by_brute_force()
    for values in possible.values():  # an unbroken range, as the checks above assume
        assert values == list(range(values[0], values[-1] + 1)) if values else True
