"""Where each figure of a return sits and what it is called: JSON Pointer -> section, table and
label, in words a reader of the alliance return understands. Codes are fixed across members, so
the words come from the same vocabularies members' own returns use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.age_bands import STANDARD_AGE_BANDS, band_labels
from desktop_app.domain.outcomes.measures import ONS4, SWEMWBS, UCLA3, WEMWBS
from desktop_app.domain.returns import vocabulary as vocab
from desktop_app.domain.returns.periods import month_label
from desktop_app.domain.returns.templates import SECTIONS

# add: adds up (sessions, hours, attendances, referrals); people: counts of unique people, which
# do not (someone at two members counts twice); mean: a mean or change; rate: pounds an hour.
Arithmetic = Literal["add", "people", "mean", "rate"]
Kind = Literal["people", "count", "hours", "money", "rate", "mean", "change"]
OPEN_TABLES = frozenset({"postcode_district", "by_destination"})  # members' own categories


@dataclass(frozen=True)
class Place:
    section: str  # the template's section code
    heading: str
    table: str | None  # the table's code, None for a figure of the section itself
    title: str | None
    label: str
    kind: Kind
    arithmetic: Arithmetic
    chart: Literal["none", "bars", "months"] = "none"


_FIGURES: Mapping[tuple[str, str], tuple[str, Kind, Arithmetic]] = {
    ("sessions", "total"): ("Sessions held", "count", "add"),
    ("sessions", "hours_delivered"): ("Hours delivered", "hours", "add"),
    ("attendances", "registered"): ("Registered attendances", "count", "add"),
    ("attendances", "anonymous"): ("Anonymous headcount", "count", "add"),
    ("attendances", "total"): ("All attendances", "count", "add"),
    ("participants", "unique"): ("People who took part", "people", "people"),
    ("participants", "new"): ("New people", "people", "people"),
    ("volunteers", "active"): ("Active volunteers", "people", "people"),
    ("volunteers", "hours"): ("Volunteer hours", "hours", "add"),
    ("volunteers", "value"): ("Value of volunteer time", "money", "add"),
    ("volunteers", "rate"): ("Value of an hour of volunteering", "rate", "rate"),
    ("volunteers", "training_completed"): ("Volunteers who completed training", "people", "people"),
    ("volunteers", "dbs_in_date"): ("Volunteers with an in-date DBS check", "people", "people"),
    ("onward_referrals", "total"): ("Onward referrals made", "count", "add"),
    ("safeguarding", "concerns"): ("Safeguarding concerns raised", "count", "add"),
    ("safeguarding", "resolved"): ("Safeguarding concerns resolved", "count", "add"),
}
_OUTCOME_ROWS: Mapping[str, tuple[str, Kind, Arithmetic]] = {
    "people": ("People with a baseline and a follow-up", "people", "people"),
    "mean_baseline": ("Mean score at baseline", "mean", "mean"),
    "mean_follow_up": ("Mean score at follow-up", "mean", "mean"),
    "mean_change": ("Mean change", "change", "mean"),
    "improved": ("Improved", "people", "people"),
    "worse": ("Got worse", "people", "people"),
    "no_change": ("No change", "people", "people"),
}
_BREAKDOWNS: Mapping[str, tuple[str, str, Mapping[str, str]]] = {
    "age_band": ("age", "Age", dict(band_labels(STANDARD_AGE_BANDS))),
    "age_band_own": ("age", "Age (the template's own bands)", {}),
    "gender": ("gender", "Gender", dict(vocab.GENDER)),
    "ethnicity_high_level": (
        "ethnicity",
        "Ethnic group: high-level groups",
        dict(vocab.HIGH_LEVEL_ETHNIC_GROUP),
    ),
    "ethnicity": ("ethnicity", "Ethnic group: the 19 groups", dict(vocab.ethnic_group_codes())),
    "disability": ("disability", "Disability", dict(vocab.DISABILITY)),
    "referral_source": ("referral_source", "How people came to us", dict(vocab.REFERRAL_SOURCE)),
    "postcode_district": ("postcode_district", "Where people live", {"other": "Other districts"}),
}
_TABLES: Mapping[tuple[str, str], tuple[str, Mapping[str, str], Kind, Arithmetic]] = {
    ("sessions", "by_kind"): ("Sessions by kind", dict(vocab.SESSION_KIND), "count", "add"),
    ("sessions", "by_mode"): (
        "Sessions by how they were delivered",
        dict(vocab.DELIVERY_MODE),
        "count",
        "add",
    ),
    ("onward_referrals", "by_destination"): (
        "Onward referrals by destination",
        {"other": "Other destinations"},
        "count",
        "add",
    ),
}
_MEASURES = {m.code.casefold(): m for m in (WEMWBS, SWEMWBS, UCLA3, ONS4)}


def place_of(pointer: str) -> Place:
    """Where the figure at `pointer` belongs, and its words."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    top, rest = parts[0], parts[1:]
    if top == "breakdowns" and len(rest) == 2:
        section, title, words = _BREAKDOWNS.get(rest[0], (rest[0], _words(rest[0]), {}))
        label = words.get(rest[1]) or _category(rest[1])
        return Place(section, _heading(section), rest[0], title, label, "people", "people", "bars")
    if top == "outcomes" and len(rest) == 2:
        label, kind, arithmetic = _OUTCOME_ROWS.get(rest[1], (_words(rest[1]), "people", "people"))
        return Place(top, _heading(top), rest[0], measure_name(rest[0]), label, kind, arithmetic)
    if len(rest) == 2 and rest[0] == "per_month":
        title = "Sessions per month" if top == "sessions" else "Attendances per month"
        return Place(
            top, _heading(top), "per_month", title, month_label(rest[1]), "count", "add", "months"
        )
    if len(rest) == 2 and (top, rest[0]) in _TABLES:
        title, words, kind, arithmetic = _TABLES[(top, rest[0])]
        label = words.get(rest[1]) or _category(rest[1])
        return Place(top, _heading(top), rest[0], title, label, kind, arithmetic, "bars")
    if len(rest) == 1 and (top, rest[0]) in _FIGURES:
        label, kind, arithmetic = _FIGURES[(top, rest[0])]
        return Place(top, _heading(top), None, None, label, kind, arithmetic)
    return Place(top, _heading(top), None, None, " ".join(_words(p) for p in rest), "count", "add")


def measure_name(code: str) -> str:
    """ "wemwbs" as "WEMWBS"; "ons4_3" as "ONS4: happiness"; a custom measure by its code."""
    if code in _MEASURES:
        return _MEASURES[code].code
    base, _, number = code.rpartition("_")
    measure = _MEASURES.get(base)
    if measure is not None and number.isdigit():
        items = {item.number: item.name for item in measure.items}
        return f"{measure.code}: {items.get(int(number), f'item {number}')}"
    return code.upper().replace("_", " ")


def section_order(section: str) -> int:
    codes = list(SECTIONS)
    return codes.index(section) if section in codes else len(codes)


def _heading(section: str) -> str:
    return SECTIONS.get(section, _words(section))


def _words(code: str) -> str:
    return code.replace("_", " ").capitalize()


def _category(code: str) -> str:
    """An open category's label: postcode districts stay as they are, other codes in words."""
    return code if code.isupper() or any(c.isdigit() for c in code) else _words(code)
