"""The perturbation table ("ptable") for cell key perturbation of counts of people.

A ptable says, for each true count (`pcv`, 1 to `CAP`) and cell key (`ckey`, 0 to 255), what to
add to the count (`pvalue`); ONS publish theirs in this `pcv,ckey,pvalue` form. Ours is unbiased
random rounding to base 5 whose direction is chosen by the cell key, with two adjustments:

- small counts: every count from 1 to m-1 (m, the first multiple of 5 at or above the threshold)
  becomes 0 or m, so no count from 1 to k-1 is ever published; 7 with k = 10 becomes 10 for 7
  keys in 10 and 0 otherwise, near enough;
- exact zero bias: 256 keys cannot split into fifths, and a mean that is exactly the true count
  needs some published values that are not multiples of 5 (256 n is a multiple of 5 only when n
  is). So 251 keys round, and five "balancing" keys publish the four values just above the lower
  multiple of 5 of the count's block (L+1 .. L+4) and one more chosen to make the mean exact.
  Every count of a block gives each of those four values, so seeing one says only which block of
  four counts the true count lies in, never the count itself.

Counts that are multiples of 5 (from m up) are published as they are. Rows from m+1 up repeat
every 5 counts (the same perturbation for 26 as for 31), so counts above CAP use the row of the
count in the table's last 5 rows with the same remainder: see `pcv_for`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache

KEYS = 256
BASE = 5
CAP = 50  # rows 1..CAP; the last BASE rows repeat for every larger count
BALANCING = 5  # keys at the end of each row that make the mean exact


def smallest_published(threshold: int) -> int:
    """m: the smallest non-zero value the table for `threshold` publishes (10 for 6..10)."""
    return BASE * math.ceil(threshold / BASE)


def published_row(count: int, threshold: int) -> list[int]:
    """The published value of `count` for each cell key 0..255."""
    if count < 0:
        raise ValueError(f"A count cannot be negative: {count}")
    m = smallest_published(threshold)
    if count == 0 or (count >= m and count % BASE == 0):
        return [count] * KEYS
    if count < m:
        lower, upper = 0, m
        block = [m + j for j in range(1, BASE)]
    else:
        lower = BASE * (count // BASE)
        upper = lower + BASE
        block = [lower + j for j in range(1, BASE)]
    rounding_keys = KEYS - BALANCING
    # The fifth balancing value: the first one (from the block up, 0 or at least m) for which
    # the rounding keys can make the mean exactly `count`.
    for extra in _candidates(count, lower, m, threshold):
        rest = KEYS * count - sum(block) - extra - rounding_keys * lower
        ups, remainder = divmod(rest, upper - lower)
        if remainder == 0 and 0 <= ups <= rounding_keys:
            downs = rounding_keys - ups
            return [lower] * downs + [upper] * ups + [*block, extra]
    raise AssertionError(f"No exact row for {count} with threshold {threshold}")  # pragma: no cover


def _candidates(count: int, lower: int, m: int, threshold: int) -> Iterable[int]:
    start = count if count >= m else m + count % BASE
    for value in range(start, start + 4 * BASE):
        if value == 0 or value >= threshold:
            yield value


def pcv_for(count: int) -> int:
    """The table row to use for `count`: itself up to CAP, else the row in the last BASE rows
    with the same remainder (the rows repeat with period BASE there)."""
    if count <= CAP:
        return count
    first_repeating = CAP - BASE + 1
    return first_repeating + (count - first_repeating) % BASE


def ptable_rows(threshold: int) -> list[tuple[int, int, int]]:
    """(pcv, ckey, pvalue) for every count 1..CAP and key, pvalue being what is added."""
    return [
        (count, key, value - count)
        for count in range(1, CAP + 1)
        for key, value in enumerate(published_row(count, threshold))
    ]


class PerturbationTable:
    """A ptable read from its rows: looks up the published value of a count with a cell key."""

    def __init__(self, name: str, rows: Sequence[tuple[int, int, int]]) -> None:
        self.name = name
        self._added: dict[tuple[int, int], int] = {(pcv, ckey): p for pcv, ckey, p in rows}
        expected = {(pcv, key) for pcv in range(1, CAP + 1) for key in range(KEYS)}
        if set(self._added) != expected:
            raise ValueError(
                f"The perturbation table {name} is incomplete: it needs a row for every count "
                f"from 1 to {CAP} and every cell key from 0 to {KEYS - 1}."
            )

    def published(self, count: int, cell_key: int) -> int:
        """The count to publish for `count` people whose record keys add up to `cell_key`
        (mod 256). Zero stays zero."""
        if count == 0:
            return 0
        return count + self._added[(pcv_for(count), cell_key % KEYS)]


def table_name(threshold: int) -> str:
    """The id of PeerLog's table for `threshold`: thresholds 3-5 share "peerlog-5" and 6-10
    share "peerlog-10" (the tables are the same within each), named by `smallest_published`."""
    return f"peerlog-{smallest_published(threshold)}"


@cache
def peerlog_table(threshold: int) -> PerturbationTable:
    """PeerLog's table for `threshold`, generated (the shipped CSV files hold the same rows)."""
    return PerturbationTable(table_name(threshold), ptable_rows(threshold))
