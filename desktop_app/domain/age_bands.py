"""Age bands: the standard ones every return can be added up in, and a funder's own.

The one home of the standard bands (the "Age bands" of resources/reference/vocabularies.md).
Ages are worked out in SQL (store/returns/queries.py) on the period's last day from the year of
birth alone: the age reached during that year, unknown when the year is after it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NOT_KNOWN = "not_known"


class AgeBandError(ValueError):
    """Age bands that cannot be used; the message says how to fix them."""


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    low: int  # youngest age in the band
    high: int | None  # oldest age in the band; None for "and over"

    def contains(self, age: int) -> bool:
        return self.low <= age and (self.high is None or age <= self.high)


def _standard() -> tuple[AgeBand, ...]:
    floors = (18, 25, 35, 45, 55, 65, 75)
    bands = [AgeBand("under_18", "Under 18", 0, 17)]
    for low, next_low in itertools.pairwise(floors):
        bands.append(
            AgeBand(f"{low}_{next_low - 1}", f"{low} to {next_low - 1}", low, next_low - 1)
        )
    bands.append(AgeBand("75_plus", "75 and over", 75, None))
    return tuple(bands)


STANDARD_AGE_BANDS = _standard()


def band_for(age: int | None, bands: Sequence[AgeBand]) -> str:
    if age is not None:
        for band in bands:
            if band.contains(age):
                return band.code
    return NOT_KNOWN


def count_by_band(
    people_by_age: Mapping[int | None, int], bands: Sequence[AgeBand]
) -> dict[str, int]:
    """Counts of people per band (and "not_known"), every band listed, from counts per age."""
    counts = dict.fromkeys([band.code for band in bands] + [NOT_KNOWN], 0)
    for age, people in people_by_age.items():
        counts[band_for(age, bands)] += people
    return counts


def band_labels(bands: Sequence[AgeBand]) -> list[tuple[str, str]]:
    return [(band.code, band.label) for band in bands] + [(NOT_KNOWN, "Not known")]


def custom_age_bands(spec: Sequence[tuple[str, int, int | None]]) -> tuple[AgeBand, ...]:
    """A funder's own bands from (label, youngest, oldest or None for "and over").

    The bands must follow on from each other and the last must be open-ended, so everyone is
    counted once; anyone younger than the first band is counted in an "Under N" band.
    """
    if not spec:
        raise AgeBandError("List at least one age band, for example 16 to 25.")
    bands: list[AgeBand] = []
    for index, (label, low, high) in enumerate(spec):
        if not isinstance(low, int) or low < 0 or (high is not None and not isinstance(high, int)):
            raise AgeBandError(f'Age band "{label}": ages must be whole numbers of 0 or more.')
        if high is not None and high < low:
            raise AgeBandError(f'Age band "{label}" ends at {high}, before it starts at {low}.')
        if bands:
            previous = bands[-1]
            if previous.high is None or low != previous.high + 1:
                raise AgeBandError(
                    f'Age band "{label}" should start at {_next_age(previous)}, straight after '
                    f'"{previous.label}", so that nobody is missed or counted twice.'
                )
        last = index == len(spec) - 1
        if last and high is not None:
            raise AgeBandError(
                f'The last age band, "{label}", must have no upper age (e.g. "{low} and over") '
                "so that everyone is counted."
            )
        code = f"{low}_plus" if high is None else f"{low}_{high}"
        bands.append(AgeBand(code, label, low, high))
    if bands[0].low > 0:
        first = bands[0].low
        bands.insert(0, AgeBand(f"under_{first}", f"Under {first}", 0, first - 1))
    return tuple(bands)


def standard_band_groups(bands: Sequence[AgeBand]) -> dict[str, str]:
    """Which of `bands` each standard band falls in, for showing both side by side.

    Raises AgeBandError when a standard band straddles two of `bands`: the two tables could then
    be subtracted to count the people in the overlap, which may be very few.
    """
    groups = {NOT_KNOWN: NOT_KNOWN}
    for standard in STANDARD_AGE_BANDS:
        holders = [b for b in bands if b.contains(standard.low)]
        holder = holders[0]
        top = standard.high if standard.high is not None else 200
        if not holder.contains(top):
            raise AgeBandError(
                f'The band "{holder.label}" cuts across the standard band "{standard.label}". '
                "To show both kinds of band, make each of your bands out of whole standard bands "
                "(for example 18 to 34), or show only your own."
            )
        groups[standard.code] = holder.code
    return groups


def _next_age(band: AgeBand) -> str:
    return "nothing (it has no upper age)" if band.high is None else str(band.high + 1)
