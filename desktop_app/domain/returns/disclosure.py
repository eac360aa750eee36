"""Statistical disclosure control for counts of people in anonymised returns.

Why: "2 Roma people" in a small group's return can identify them to anyone who knows the group.
The rules are the ones in the reference note on disclosure control: counts from 1 to k-1 are
hidden; more cells are hidden so that the hidden ones cannot be worked out by subtraction; a table
shown at two levels (19 ethnic groups beside the five high-level ones) is protected at both.

The reader we protect against knows every figure shown, how the tables add up, and these rules.
Because zeros are shown, they also know that every hidden cell holds at least one person; so we
never leave the hidden cells of a table in a state where that alone pins them down (three hidden
cells adding up to 3 must each be 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_app.domain.returns.ptable import BASE, PerturbationTable, peerlog_table

MIN_THRESHOLD = 3
MAX_THRESHOLD = 10
DEFAULT_THRESHOLD = 5


class DisclosureSettingsError(ValueError):
    """Settings for disclosure control that cannot be used; the message says how to fix them."""


@dataclass(frozen=True)
class DisclosureRules:
    """How strictly one return is protected: the threshold k, optional rounding to 5, and
    whether counts of people are perturbed (the default) or exact (only on purpose, for a funder
    with a data sharing agreement). `ptable` is the perturbation table; PeerLog's own for the
    threshold unless another is given."""

    threshold: int = DEFAULT_THRESHOLD
    round_to_five: bool = False
    exact: bool = False
    ptable: PerturbationTable | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        k = self.threshold
        if isinstance(k, bool) or not isinstance(k, int) or not MIN_THRESHOLD <= k <= MAX_THRESHOLD:
            raise DisclosureSettingsError(
                f"The threshold must be a whole number from {MIN_THRESHOLD} to {MAX_THRESHOLD}, "
                f"not {k!r}. Counts of people below it are hidden; {DEFAULT_THRESHOLD} is usual."
            )
        if self.exact:
            object.__setattr__(self, "ptable", None)
        elif self.ptable is None:
            # One table whatever the threshold: the same people published through two tables
            # (a return at threshold 3 and one at 6) could be narrowed down to a small count by
            # intersecting the two (found by tests/returns/test_differencing.py). The table for
            # the largest threshold never publishes 1..9, so it serves every threshold.
            object.__setattr__(self, "ptable", peerlog_table(MAX_THRESHOLD))

    @property
    def perturbed(self) -> bool:
        return self.ptable is not None

    @property
    def method(self) -> str:
        """How counts of people were protected, as the JSON return names it."""
        return "exact" if self.ptable is None else "cell_key_perturbation"

    @property
    def base(self) -> int:
        return BASE

    @property
    def marker(self) -> str:
        """What a hidden count looks like in PDF, CSV and spreadsheets, e.g. "<5"."""
        return f"<{self.threshold}"

    @property
    def mean_marker(self) -> str:
        """What a hidden mean or change looks like: "n<5", based on fewer than 5 people."""
        return f"n<{self.threshold}"

    def shown(self, count: int) -> int:
        """A count that is safe to show, rounded to the nearest 5 when rounding is on.

        Rounding never turns a count of k or more into a number below k (6 with k = 7 shows as
        10, not 5), so no count shown ever lies between 1 and k-1.
        """
        if not self.round_to_five or count == 0:
            return count
        rounded = 5 * ((count + 2) // 5)
        if rounded < self.threshold:
            rounded = 5 * -(-self.threshold // 5)
        return rounded


@dataclass(frozen=True)
class Cell:
    """One count in a return: its value, or None when it is hidden; `perturbed` when the value
    came from the perturbation table rather than being the exact count."""

    value: int | None
    suppressed: bool
    perturbed: bool = False

    @staticmethod
    def visible(value: int) -> Cell:
        return Cell(value, False)

    @staticmethod
    def hidden() -> Cell:
        return Cell(None, True)


@dataclass(frozen=True)
class Mean:
    """A mean or a change, shown only when it is based on at least k people."""

    value: float | None
    suppressed: bool


@dataclass(frozen=True)
class ProtectedBreakdown:
    """A one-way table of counts of people after disclosure control, in its original order.

    `withheld` is True when every cell is hidden, zeros included: the total is below k, or the
    table is so small that hiding some cells cannot protect the others.
    """

    cells: Mapping[str, Cell]
    total: Cell
    withheld: bool = False

    def suppressed_codes(self) -> list[str]:
        return [code for code, cell in self.cells.items() if cell.suppressed]


@dataclass(frozen=True)
class LinkedBreakdown:
    """The same people counted at two levels, e.g. 19 ethnic groups and the high-level groups."""

    detailed: ProtectedBreakdown
    high_level: ProtectedBreakdown


def protect_count(count: int, rules: DisclosureRules) -> Cell:
    """A count of people that stands alone (no breakdown adds up to it)."""
    _check_counts([count])
    if 0 < count < rules.threshold:
        return Cell.hidden()
    return Cell.visible(rules.shown(count))


def protect_mean(mean: float | None, people: int, rules: DisclosureRules) -> Mean:
    """A mean or change based on `people` people: hidden when fewer than k."""
    if mean is None or people < rules.threshold:
        return Mean(None, True)
    return Mean(mean, False)


def protect_breakdown(counts: Mapping[str, int], rules: DisclosureRules) -> ProtectedBreakdown:
    """Protect a one-way table of counts of people whose total (their sum) is shown."""
    _check_counts(counts.values())
    k = rules.threshold
    total = sum(counts.values())
    if 0 < total < k:
        return _withheld(counts, total_shown=None)
    hidden = _small(counts, k)
    if not _hide_until_safe(counts, hidden, list(counts), k):
        return _withheld(counts, total_shown=rules.shown(total))
    return _protected(counts, hidden, rules)


def protect_linked(
    counts: Mapping[str, int], group_of: Mapping[str, str], rules: DisclosureRules
) -> LinkedBreakdown:
    """Protect a detailed table and its high-level table shown beside it.

    `group_of` maps every detailed code to its high-level code; the high-level table is the sum
    of its detailed cells, in the order the groups first appear. Within each high-level group that
    is shown, the hidden detailed cells are none, or at least two adding up to k or more; else more
    detailed cells in the group are hidden, or the high-level cell is (and that table is then
    protected in turn). The detailed cells hidden beneath hidden high-level cells add up to an
    amount a reader can work out from the total, so they are held to the same rule.
    """
    _check_counts(counts.values())
    missing = [code for code in counts if code not in group_of]
    if missing:
        raise ValueError(f"No high-level group given for {', '.join(missing)}")
    k = rules.threshold
    members: dict[str, list[str]] = {}
    for code in counts:
        members.setdefault(group_of[code], []).append(code)
    high = {group: sum(counts[code] for code in codes) for group, codes in members.items()}
    total = sum(counts.values())
    if 0 < total < k:
        return LinkedBreakdown(_withheld(counts, None), _withheld(high, None))

    hidden = _small(counts, k)
    hidden_groups = _small(high, k)
    if not _settle_linked(counts, high, members, hidden, hidden_groups, k):
        shown_total = rules.shown(total)
        return LinkedBreakdown(_withheld(counts, shown_total), _withheld(high, shown_total))
    return LinkedBreakdown(
        _protected(counts, hidden, rules), _protected(high, hidden_groups, rules)
    )


def _settle_linked(
    counts: Mapping[str, int],
    high: Mapping[str, int],
    members: Mapping[str, list[str]],
    hidden: set[str],
    hidden_groups: set[str],
    k: int,
) -> bool:
    """Hide cells at both levels until every rule holds; False when only withholding will do.

    Cells are only ever added, so this stops after at most one pass per cell.
    """
    while True:
        before = (len(hidden), len(hidden_groups))
        if not _hide_until_safe(counts, hidden, list(counts), k):
            return False
        if not _hide_until_safe(high, hidden_groups, list(high), k):
            return False
        # The detailed cells hidden under hidden high-level cells add up to a known amount too.
        under_hidden = [
            c for group, codes in members.items() if group in hidden_groups for c in codes
        ]
        if not _hide_until_safe(counts, hidden, under_hidden, k):
            return False
        for group, codes in members.items():
            if group in hidden_groups:
                continue
            trial = set(hidden)
            if _hide_until_safe(counts, trial, codes, k):
                hidden |= trial
            else:
                hidden_groups.add(group)
        if (len(hidden), len(hidden_groups)) == before:
            return True


def _is_safe(hidden_counts: Sequence[int], k: int) -> bool:
    """Hidden cells whose sum a reader can work out are safe when there are none, or when at
    least two add up to k or more and not every one of them is forced to be exactly 1."""
    n, total = len(hidden_counts), sum(hidden_counts)
    return n == 0 or (n >= 2 and total >= k and total > n)


def _hide_until_safe(
    counts: Mapping[str, int], hidden: set[str], among: Sequence[str], k: int
) -> bool:
    """Hide the next-smallest non-zero cell of `among` (first in table order on a tie) until the
    hidden cells of `among` are safe. Returns False when no cell is left to hide."""
    while not _is_safe([counts[code] for code in among if code in hidden], k):
        spare = [code for code in among if code not in hidden and counts[code] > 0]
        if not spare:
            return False
        hidden.add(_smallest(counts, spare))
    return True


def _smallest(counts: Mapping[str, int], codes: Sequence[str]) -> str:
    return min(codes, key=lambda code: counts[code])  # min keeps the first of equal values


def _small(counts: Mapping[str, int], k: int) -> set[str]:
    return {code for code, count in counts.items() if 0 < count < k}


def _protected(
    counts: Mapping[str, int], hidden: set[str], rules: DisclosureRules
) -> ProtectedBreakdown:
    cells = {
        code: Cell.hidden() if code in hidden else Cell.visible(rules.shown(count))
        for code, count in counts.items()
    }
    return ProtectedBreakdown(cells, Cell.visible(rules.shown(sum(counts.values()))))


def _withheld(counts: Mapping[str, int], total_shown: int | None) -> ProtectedBreakdown:
    total = Cell.hidden() if total_shown is None else Cell.visible(total_shown)
    return ProtectedBreakdown({code: Cell.hidden() for code in counts}, total, withheld=True)


def _check_counts(counts: Iterable[int]) -> None:
    for count in counts:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(
                f"A count of people must be a whole number of 0 or more, not {count!r}"
            )
