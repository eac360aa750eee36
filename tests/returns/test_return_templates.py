"""Return templates: the shipped ones, and clear messages for broken ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.returns.templates import SECTIONS, TemplateError, parse_template
from desktop_app.services.returns.templates import builtin_templates, find_template, load_template


def template(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "peerlog_template": 1,
        "name": "Test",
        "sections": [{"section": "sessions"}, {"section": "age"}],
    }
    data.update(changes)
    return data


def problem(data: object) -> str:
    with pytest.raises(TemplateError) as caught:
        parse_template(data, "my-funder.json")
    message = str(caught.value)
    assert message.startswith("The return template my-funder.json cannot be used: ")
    return message


def test_two_templates_ship_and_the_alliance_one_has_every_section() -> None:
    names = {t.name: t for t in builtin_templates()}
    assert set(names) == {"Alliance return", "Funder summary"}
    assert [c.section for c in names["Alliance return"].sections] == list(SECTIONS)


def test_templates_are_found_by_name_in_any_case_or_by_file(tmp_path: Path) -> None:
    assert find_template("  funder SUMMARY ").name == "Funder summary"
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(template(name="Our funder")), encoding="utf-8")
    assert find_template(str(path)).name == "Our funder"
    with pytest.raises(
        TemplateError, match=r'called "Lottery".*"Alliance return", "Funder summary"'
    ):
        find_template("Lottery")


def test_the_rules_section_is_always_included() -> None:
    sections = parse_template(template(), "t.json").sections
    assert [c.section for c in sections] == ["sessions", "age", "rules"]


def test_headings_can_be_renamed() -> None:
    data = template(sections=[{"section": "participants", "heading": "  People we helped "}])
    assert parse_template(data, "t.json").heading("participants") == "People we helped"


def test_a_file_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"peerlog_template": 1,\n "name": "x"\n "sections": []}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"broken\.json is not valid JSON.*line 3"):
        load_template(path)
    with pytest.raises(TemplateError, match="There is no return template at"):
        load_template(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "not a PeerLog return template"),
        ({"name": "x", "sections": []}, "not a PeerLog return template"),
        (template(name=""), "its name must be some text"),
        (template(sections=[]), '"sections" must be a list'),
        (template(sections=[{"section": "sesions"}]), '"sesions" is not a section PeerLog knows'),
        (template(sections=[{"section": "age"}, {"section": "age"}]), '"age" is listed twice'),
        (template(sections=[{"section": "age", "heding": "x"}]), '"heding" in the section "age"'),
        (template(extra=1), '"extra" is not a setting'),
        (
            template(sections=[{"section": "ethnicity", "high_level_groups": "yes"}]),
            "true or false",
        ),
        (template(sections=[{"section": "gender", "heading": "x" * 81}]), "longer than 80"),
    ],
)
def test_broken_templates_get_a_clear_message(data: object, expected: str) -> None:
    assert expected in problem(data)


def bands(*spec: dict[str, Any], also: bool = False) -> dict[str, Any]:
    return template(
        sections=[{"section": "age", "age_bands": list(spec), "also_standard_bands": also}]
    )


def test_own_age_bands_get_codes_and_an_under_band() -> None:
    data = bands({"from": 16, "to": 25}, {"label": "26 to 64", "from": 26, "to": 64}, {"from": 65})
    age = parse_template(data, "t.json").sections[0]
    assert age.own_age_bands is not None
    assert [(b.code, b.label) for b in age.own_age_bands] == [
        ("under_16", "Under 16"),
        ("16_25", "16 to 25"),
        ("26_64", "26 to 64"),
        ("65_plus", "65 and over"),
    ]
    assert not age.also_standard_bands


def test_age_bands_with_a_gap_overlap_or_no_open_end_are_refused() -> None:
    assert 'should start at 26, straight after "16 to 25"' in problem(
        bands({"from": 16, "to": 25}, {"from": 30})
    )
    assert "should start at 26" in problem(bands({"from": 16, "to": 25}, {"from": 20}))
    assert "must have no upper age" in problem(
        bands({"from": 16, "to": 25}, {"from": 26, "to": 99})
    )
    assert "ends at 10, before it starts at 16" in problem(
        bands({"from": 16, "to": 10}, {"from": 11})
    )
    assert 'needs "from"' in problem(bands({"to": 25}))


def test_own_bands_beside_standard_ones_must_be_made_of_whole_standard_bands() -> None:
    message = problem(
        bands({"from": 16, "to": 25}, {"from": 26, "to": 64}, {"from": 65}, also=True)
    )
    assert "cuts across the standard band" in message
    data = bands({"from": 18, "to": 34}, {"from": 35, "to": 64}, {"from": 65}, also=True)
    assert parse_template(data, "t.json").sections[0].also_standard_bands
