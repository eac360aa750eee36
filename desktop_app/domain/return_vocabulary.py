"""The fixed codes (and their labels) that returns are counted in, in the order they are shown.

Returns from different organisations can only be added up when every one uses these codes.
"""

from __future__ import annotations

import csv
from functools import cache

from desktop_app.resources import resource_path

Codes = tuple[tuple[str, str], ...]  # (code, label) in display order

GENDER: Codes = (
    ("woman", "Woman"),
    ("man", "Man"),
    ("non_binary", "Non-binary"),
    ("self_described", "Prefer to self-describe"),
    ("not_stated", "Prefer not to say"),
)
DISABILITY: Codes = (("yes", "Yes"), ("no", "No"), ("not_stated", "Prefer not to say"))
REFERRAL_SOURCE: Codes = (
    ("self", "Self-referral"),
    ("gp_practice", "GP practice or primary care"),
    ("social_prescribing", "Social prescribing link worker"),
    ("secondary_mental_health", "Community or secondary mental health service"),
    ("vcse", "Another voluntary or community organisation"),
    ("family_friend", "Family or friend"),
    ("other", "Other"),
    ("not_known", "Not known"),
)
SESSION_KIND: Codes = (
    ("group", "Group peer support"),
    ("one_to_one", "One-to-one peer support"),
    ("drop_in", "Drop-in"),
)
DELIVERY_MODE: Codes = (("in_person", "In person"), ("phone", "Phone"), ("online", "Online"))

# The five high-level groups of the 2021 census, and "not stated", with short codes for returns.
HIGH_LEVEL_ETHNIC_GROUP: Codes = (
    ("white", "White"),
    ("mixed", "Mixed or Multiple ethnic groups"),
    ("asian", "Asian, Asian British or Asian Welsh"),
    ("black", "Black, Black British, Black Welsh, Caribbean or African"),
    ("other", "Other ethnic group"),
    ("not_stated", "Not stated"),
)


@cache
def ethnic_groups() -> tuple[tuple[str, str, str], ...]:
    """The 19 groups and "not stated": (code, label, high-level code), in census order."""
    high_level_code = {label: code for code, label in HIGH_LEVEL_ETHNIC_GROUP}
    with resource_path("reference", "ethnic-groups.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            (row["code"], row["label"], high_level_code[row["group"]]) for row in csv.DictReader(f)
        )


def ethnic_group_codes() -> Codes:
    return tuple((code, label) for code, label, _ in ethnic_groups())


def label_for(code: str) -> str:
    """A readable label for a code no vocabulary lists (e.g. a referral destination)."""
    if not code:
        return "Not known"
    text = code.replace("_", " ")
    return text[0].upper() + text[1:]
