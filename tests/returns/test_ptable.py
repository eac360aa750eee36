"""The perturbation tables: their properties checked with exact arithmetic over the 256 keys,
and the shipped CSV files checked against the generator."""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest

from desktop_app.domain.returns.disclosure import MAX_THRESHOLD, MIN_THRESHOLD
from desktop_app.domain.returns.ptable import (
    CAP,
    KEYS,
    PerturbationTable,
    pcv_for,
    peerlog_table,
    ptable_rows,
    published_row,
    table_name,
)
from desktop_app.resources import resource_path
from desktop_app.services.returns.ptables import shipped_ptable, write_ptables

THRESHOLDS = range(MIN_THRESHOLD, MAX_THRESHOLD + 1)
COUNTS = range(0, 3 * CAP)  # beyond the table's rows, where they repeat


def reachable(threshold: int) -> dict[int, set[int]]:
    """Each published value -> every true count (up to COUNTS) that can give it."""
    preimages: dict[int, set[int]] = {}
    for count in COUNTS:
        for value in published_row(count, threshold):
            preimages.setdefault(value, set()).add(count)
    return preimages


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_zero_mean_for_every_count(threshold: int) -> None:
    table = peerlog_table(threshold)
    for count in COUNTS:
        values = [table.published(count, key) for key in range(KEYS)]
        assert Fraction(sum(values), KEYS) == count, count


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_never_a_value_below_the_threshold_and_zero_stays_zero(threshold: int) -> None:
    table = peerlog_table(threshold)
    for count in COUNTS:
        values = {table.published(count, key) for key in range(KEYS)}
        assert not any(1 <= v < threshold for v in values), (count, sorted(values))
        assert all(v >= 0 for v in values)
    assert {table.published(0, key) for key in range(KEYS)} == {0}


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_most_small_counts_move(threshold: int) -> None:
    table = peerlog_table(threshold)
    small = [(n, key) for n in range(1, 10) for key in range(KEYS)]
    moved = sum(table.published(n, key) != n for n, key in small)
    assert Fraction(moved, len(small)) > Fraction(4, 5)
    # 7 becomes 5 (or 10) for most keys: rounding to base 5 by the cell key.
    if threshold <= 5:
        sevens = [table.published(7, key) for key in range(KEYS)]
        assert sevens.count(5) > sevens.count(10) > 0


@pytest.mark.parametrize("threshold", THRESHOLDS)
def test_no_two_published_values_pin_down_a_small_difference(threshold: int) -> None:
    """A reader who knows the ptable and sees one cell published as a in a return and b in
    another return of overlapping periods (so the first holds the second's people and maybe
    more) never learns that exactly d people differ, for d from 1 to k-1. Different values mean
    different people (the same people give the same value)."""
    preimages = reachable(threshold)
    limit = max(COUNTS) - 15  # preimages near the end of COUNTS are cut short
    values = [v for v in preimages if v <= limit]
    for a in values:
        for b in values:
            differences = {
                x - y for x in preimages[a] for y in preimages[b] if x >= y and (x != y or a == b)
            }
            if len(differences) == 1:
                (only,) = differences
                assert not 1 <= only < threshold, (a, b)


def test_rows_above_the_cap_repeat_with_period_five() -> None:
    for threshold in THRESHOLDS:
        table = peerlog_table(threshold)
        for count in range(CAP + 1, CAP + 40):
            assert pcv_for(count) in range(CAP - 4, CAP + 1)
            assert pcv_for(count) % 5 == count % 5
            expected = published_row(count, threshold)
            assert [table.published(count, key) for key in range(KEYS)] == expected
    assert pcv_for(1234) == 49 and peerlog_table(5).published(1235, 3) == 1235


def test_thresholds_share_two_tables() -> None:
    assert {table_name(k) for k in THRESHOLDS} == {"peerlog-5", "peerlog-10"}
    assert ptable_rows(3) == ptable_rows(5) and ptable_rows(6) == ptable_rows(10)


@pytest.mark.parametrize("threshold", [3, 10])
def test_the_shipped_files_are_the_generated_tables(threshold: int, tmp_path) -> None:
    name = table_name(threshold)
    shipped = resource_path("disclosure", f"ptable-{name}.csv")
    with shipped.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["pcv", "ckey", "pvalue"]
    assert [tuple(map(int, row)) for row in rows[1:]] == ptable_rows(threshold)
    assert len(rows) - 1 == CAP * KEYS
    for path in write_ptables(tmp_path):  # the generator writes them byte for byte
        assert path.read_bytes() == resource_path("disclosure", path.name).read_bytes()
    table = shipped_ptable(threshold)
    assert table.name == name
    assert all(
        table.published(n, key) == peerlog_table(threshold).published(n, key)
        for n in range(60)
        for key in range(KEYS)
    )
    assert "pcv,ckey,pvalue" in resource_path("disclosure", "README.md").read_text()


def test_an_incomplete_table_is_refused() -> None:
    with pytest.raises(ValueError, match="incomplete"):
        PerturbationTable("broken", ptable_rows(5)[:-1])
