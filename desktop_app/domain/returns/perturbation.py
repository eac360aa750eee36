"""Cell key perturbation of counts of people (the method is in domain/returns/ptable.py).

Each count of people is published as the ptable gives it for the count and its cell key, the sum
of the counted people's record keys mod 256. The same people therefore give the same number in
every return, and the difference between two returns no longer says how many people differ.

Suppression does not run on perturbed counts: the ptable never publishes 1..k-1, so there is
nothing to hide, and a total is perturbed as a cell of its own, so subtracting the cells shown
from it gives no exact remainder to protect (secondary suppression guarded against exactly that).
A published 0 may stand for a few people.

Means and mean changes: shown only when they rest on at least k people and their published count
is not 0, and rounded to the nearest MEAN_STEP (half a point). A reader comparing two returns
cannot tell from the perturbed counts that exactly one person differs (see the ptable's
differencing property); even one who knows it from elsewhere (they know Sam joined) and guesses
the true counts n and n+1 can only put Sam's score within about (2n+1)/2 points, since each
rounded mean leaves the sum behind it uncertain by n/4 points either way, and the perturbed
counts leave n itself uncertain.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.domain.returns.disclosure import (
    Cell,
    DisclosureRules,
    Mean,
    ProtectedBreakdown,
)
from desktop_app.domain.returns.ptable import KEYS, PerturbationTable

# With fewer people, two returns' rounded means can pin the score of the one person between
# them, at the top or bottom of a scale (found by tests/returns/test_differencing.py).
MEAN_FEWEST_PEOPLE = 10
MEAN_STEP = 0.5


def _table(rules: DisclosureRules) -> PerturbationTable:
    if rules.ptable is None:
        raise ValueError("These rules publish exact figures; there is nothing to perturb")
    return rules.ptable


def perturb_count(count: int, cell_key: int, rules: DisclosureRules) -> Cell:
    """The published value of a count of people with cell key `cell_key`."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"A count of people must be a whole number of 0 or more, not {count!r}")
    published = _table(rules).published(count, cell_key)
    return Cell(rules.shown(published), False, perturbed=True)


def perturb_breakdown(
    counts: Mapping[str, int], keys: Mapping[str, int], rules: DisclosureRules
) -> ProtectedBreakdown:
    """Every cell perturbed, and the total perturbed as a cell of its own (its key is the sum of
    the cells' keys), so a table may not add up to its total. A cell holding people must have
    its key: a missing one would quietly perturb by the count alone."""
    missing = [code for code, n in counts.items() if n and code not in keys]
    if missing:
        raise ValueError(f"No cell key for the count(s) of {', '.join(missing)}")
    cells = {code: perturb_count(n, keys.get(code, 0), rules) for code, n in counts.items()}
    total_key = sum(keys.get(code, 0) for code in counts) % KEYS
    return ProtectedBreakdown(cells, perturb_count(sum(counts.values()), total_key, rules))


def perturbed_mean(
    mean: float | None, people: int, published: Cell, rules: DisclosureRules
) -> Mean:
    """A mean or change of `people` people whose count was published as `published`: shown
    only from MEAN_FEWEST_PEOPLE (or k, if more) people, to the nearest MEAN_STEP."""
    if mean is None or people < max(rules.threshold, MEAN_FEWEST_PEOPLE) or not published.value:
        return Mean(None, True)
    return Mean(round(mean / MEAN_STEP) * MEAN_STEP, False)
