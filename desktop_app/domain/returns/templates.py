"""Return templates: which sections a funder's return has, in what order, under what headings.

Templates are plain JSON files an organisation can copy and edit, so every problem in one gets a
message that names the file and says what to change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop_app.domain.age_bands import (
    AgeBand,
    AgeBandError,
    custom_age_bands,
    standard_band_groups,
)

TEMPLATE_FORMAT = 1

# Every section a return can have, with its usual heading, in the usual order.
SECTIONS: Mapping[str, str] = {
    "sessions": "Sessions",
    "attendances": "Attendances",
    "participants": "People who took part",
    "age": "Age",
    "gender": "Gender",
    "ethnicity": "Ethnic group",
    "disability": "Disability",
    "referral_source": "How people came to us",
    "postcode_district": "Where people live",
    "volunteers": "Volunteers",
    "outcomes": "Outcomes",
    "referrals": "Referrals received",
    "onward_referrals": "Onward referrals",
    "safeguarding": "Safeguarding",
    "case_studies": "Case studies",
    "rules": "How these figures were counted",
}
_SETTINGS: Mapping[str, frozenset[str]] = {
    "age": frozenset({"age_bands", "also_standard_bands"}),
    "ethnicity": frozenset({"high_level_groups"}),
}


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file and the fix."""


Fail = Callable[[str], TemplateError]


@dataclass(frozen=True)
class SectionChoice:
    section: str
    heading: str
    own_age_bands: tuple[AgeBand, ...] | None = None  # "age": the funder's bands, if any
    also_standard_bands: bool = False  # "age": show the standard bands beside the funder's
    high_level_groups: bool = True  # "ethnicity": show the five high-level groups too


@dataclass(frozen=True)
class ReturnTemplate:
    name: str
    description: str
    sections: tuple[SectionChoice, ...]
    version: str = "1"  # an alliance's template says which edition members used

    def has(self, section: str) -> bool:
        return any(choice.section == section for choice in self.sections)

    def heading(self, section: str) -> str:
        """The heading this template gives `section` (the usual one when it leaves it out)."""
        for choice in self.sections:
            if choice.section == section:
                return choice.heading
        return SECTIONS[section]


def parse_template(data: object, source: str) -> ReturnTemplate:
    """The template described by `data` (parsed JSON) from `source` (a file name, for messages).

    The rules section is always included (last, unless the template places it): without it a
    reader cannot tell what "<5" means.
    """

    def fail(problem: str) -> TemplateError:
        return TemplateError(f"The return template {source} cannot be used: {problem}")

    if not isinstance(data, dict) or data.get("peerlog_template") != TEMPLATE_FORMAT:
        raise fail(f'it is not a PeerLog return template (it needs "peerlog_template": {1}).')
    known = {"peerlog_template", "name", "version", "description", "sections"}
    _refuse_unknown(data, known, "", fail)
    name = _text(data.get("name"), "its name", fail)
    version = _text(str(data.get("version", "1")), '"version"', fail)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail('"description" must be text.')
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise fail('"sections" must be a list of sections, e.g. [{"section": "sessions"}].')
    choices: list[SectionChoice] = []
    for raw in raw_sections:
        choice = _section(raw, fail)
        if any(c.section == choice.section for c in choices):
            raise fail(f'the section "{choice.section}" is listed twice.')
        choices.append(choice)
    if not any(c.section == "rules" for c in choices):
        choices.append(SectionChoice("rules", SECTIONS["rules"]))
    return ReturnTemplate(name, description, tuple(choices), version)


def _section(raw: object, fail: Fail) -> SectionChoice:
    if not isinstance(raw, dict) or "section" not in raw:
        raise fail('each section must look like {"section": "sessions"}.')
    code = raw["section"]
    if code not in SECTIONS:
        raise fail(
            f'"{code}" is not a section PeerLog knows. The sections are: {", ".join(SECTIONS)}.'
        )
    allowed = {"section", "heading"} | _SETTINGS.get(code, frozenset())
    _refuse_unknown(raw, allowed, f' in the section "{code}"', fail)
    heading = _text(raw.get("heading", SECTIONS[code]), f'the heading of "{code}"', fail)
    if code == "age":
        bands = _age_bands(raw.get("age_bands"), fail)
        also = raw.get("also_standard_bands", False)
        if not isinstance(also, bool):
            raise fail('"also_standard_bands" must be true or false.')
        if also and bands is not None:
            try:
                standard_band_groups(bands)
            except AgeBandError as exc:
                raise fail(str(exc)) from None
        return SectionChoice(code, heading, bands, also and bands is not None)
    if code == "ethnicity":
        high_level = raw.get("high_level_groups", True)
        if not isinstance(high_level, bool):
            raise fail('"high_level_groups" must be true or false.')
        return SectionChoice(code, heading, high_level_groups=high_level)
    return SectionChoice(code, heading)


def _age_bands(raw: object, fail: Fail) -> tuple[AgeBand, ...] | None:
    if raw is None:
        return None
    example = '[{"label": "16 to 25", "from": 16, "to": 25}, {"label": "26 and over", "from": 26}]'
    if not isinstance(raw, list) or not all(isinstance(b, dict) for b in raw):
        raise fail(f'"age_bands" must be a list like {example}.')
    spec: list[tuple[str, int, int | None]] = []
    for band in raw:
        _refuse_unknown(band, {"label", "from", "to"}, " in an age band", fail)
        if "from" not in band:
            raise fail(f'each age band needs "from" (the youngest age in it), as in {example}.')
        label = band.get("label") or (
            f"{band['from']} and over"
            if band.get("to") is None
            else f"{band['from']} to {band['to']}"
        )
        spec.append((_text(label, "an age band's label", fail), band["from"], band.get("to")))
    try:
        return custom_age_bands(spec)
    except AgeBandError as exc:
        raise fail(str(exc)) from None


def _text(value: object, what: str, fail: Fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{what} must be some text.")
    if len(value) > 80:
        raise fail(f"{what} is longer than 80 characters; shorten it.")
    return value.strip()


def _refuse_unknown(
    raw: Mapping[str, object], allowed: set[str] | frozenset[str], where: str, fail: Fail
) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise fail(
            f'"{unknown[0]}"{where} is not a setting PeerLog knows (check the spelling). '
            f"The settings here are: {', '.join(sorted(allowed))}."
        )
