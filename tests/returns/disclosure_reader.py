"""What a reader of a protected table can work out about its hidden cells (a test helper).

Written apart from the rules in desktop_app/domain/disclosure.py, so that the tests check the
rules against what can actually be deduced, not against themselves.

The model is a two-level table: a known total; below it high-level cells; below each of those its
detailed cells. A one-way table is the special case of one high-level cell equal to the total. The
reader knows every figure shown, that each level adds up to the one above, and that each hidden
cell holds at least `lowest` people (1 when zeros are shown, since a hidden cell is then non-zero).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

UNBOUNDED = 10**9
Key = tuple[str, str]  # ("detail", code) or ("high", group)


@dataclass(frozen=True)
class ShownTable:
    detail: Mapping[str, int | None]  # None where hidden
    group_of: Mapping[str, str]
    high: Mapping[str, int | None]
    total: int
    lowest: int

    def hidden_keys(self) -> list[Key]:
        keys: list[Key] = [("detail", c) for c, value in self.detail.items() if value is None]
        return keys + [("high", g) for g, value in self.high.items() if value is None]

    def could_be(self, target: Key, value: int) -> bool:
        """Whether the hidden cell `target` could hold `value`, given everything shown."""
        if value < self.lowest:
            return False
        low_sum = high_sum = 0
        for group, shown_high in self.high.items():
            codes = [code for code in self.detail if self.group_of[code] == group]
            shown_part = sum(self.detail[c] or 0 for c in codes)
            hidden = [c for c in codes if self.detail[c] is None]
            if target[0] == "detail" and target[1] in hidden:
                y_low = value + self.lowest * (len(hidden) - 1)
                y_high = value if len(hidden) == 1 else UNBOUNDED
            else:
                y_low = self.lowest * len(hidden)
                y_high = UNBOUNDED if hidden else 0
            h_low, h_high = shown_part + y_low, min(UNBOUNDED, shown_part + y_high)
            if shown_high is not None:
                if not h_low <= shown_high <= h_high:
                    return False
                h_low = h_high = shown_high
            else:
                h_low = max(h_low, self.lowest)
                if h_low > h_high:
                    return False
                if target == ("high", group):
                    if not h_low <= value <= h_high:
                        return False
                    h_low = h_high = value
            low_sum += h_low
            high_sum = min(UNBOUNDED, high_sum + h_high)
        return low_sum <= self.total <= high_sum

    def possible_values(self) -> dict[Key, list[int]]:
        """For each hidden cell, every value it could hold."""
        return {
            key: [v for v in range(self.total + 1) if self.could_be(key, v)]
            for key in self.hidden_keys()
        }

    def possible_values_by_brute_force(self) -> dict[Key, list[int]]:
        """The same as `possible_values`, by trying every filling-in (tiny tables only)."""
        hidden_detail = [code for code, value in self.detail.items() if value is None]
        seen: dict[Key, set[int]] = {key: set() for key in self.hidden_keys()}
        choices = range(self.lowest, self.total + 1)
        for values in itertools.product(choices, repeat=len(hidden_detail)):
            filled = {**self.detail, **dict(zip(hidden_detail, values, strict=True))}
            if sum(v or 0 for v in filled.values()) != self.total:
                continue
            sums = {
                g: sum(filled[c] or 0 for c in filled if self.group_of[c] == g) for g in self.high
            }
            if any(self.high[g] not in (None, sums[g]) for g in self.high):
                continue
            if any(self.high[g] is None and sums[g] < self.lowest for g in self.high):
                continue
            for code, value in zip(hidden_detail, values, strict=True):
                seen[("detail", code)].add(value)
            for group in self.high:
                if self.high[group] is None:
                    seen[("high", group)].add(sums[group])
        return {key: sorted(values) for key, values in seen.items()}
