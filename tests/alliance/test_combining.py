"""Combining three invented members' returns: figures worked out by hand, honest arithmetic
(hidden is not zero, adjusted counts are said to be adjusted, people counted twice are said to
be added up, weighted means), and every check that stops or warns before combining."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.alliance.alliance_return import AllianceReturn, Total
from desktop_app.domain.alliance.schema_check import KNOWN_KEYWORDS, keywords_used, schema_errors
from desktop_app.resources import resource_path
from desktop_app.services.alliance.combine import Combined, combine_returns
from tests.alliance.members import heron, member, otter, red_kite, version_1, write, write_members
from tests.returns.test_return_formats import schema_validator


def combined(folder: Path) -> AllianceReturn:
    result = combine_returns([folder])
    assert result.problems == () and result.alliance is not None
    return result.alliance


def totals(alliance: AllianceReturn) -> dict[str, Total]:
    return {row.pointer: row.total for row in alliance.rows()}


def test_three_members_add_up_as_worked_out_by_hand(tmp_path: Path) -> None:
    write_members(tmp_path)
    alliance = combined(tmp_path)
    assert [m.name for m in alliance.members] == ["Heron Wellbeing", "Otter Café", "Red Kite Peers"]
    t = totals(alliance)
    # Sessions, hours and attendances add up, exactly.
    assert t["/sessions/total"] == Total(20, "exact", False, 3)  # 10 + 7 + 3
    assert t["/sessions/hours_delivered"].value == 30.0  # 15 + 10.5 + 4.5
    assert t["/sessions/by_kind/one_to_one"].value == 7  # 4 + 0 + 3
    assert t["/attendances/registered"] == Total(102, "exact", False, 3)  # 50 + 40 + 12
    assert t["/attendances/per_month/2024-05"].value == 90
    # Heron hid its anonymous headcount: not a zero, so the total is "at least" 10 + 8.
    assert (t["/attendances/anonymous"].value, t["/attendances/anonymous"].how) == (18, "at_least")
    assert t["/sessions/per_month/2024-04"].how == "at_least"
    assert (t["/onward_referrals/total"].value, t["/onward_referrals/total"].how) == (
        10,
        "at_least",
    )
    assert t["/onward_referrals/by_destination/talking_therapies"].value == 11  # 5 + 6 + 0
    assert t["/safeguarding/concerns"].how == "at_least"
    # Counts of people: adjusted counts added up, and said to be members' counts added up.
    unique = t["/participants/unique"]
    assert (unique.value, unique.how, unique.added_up_people) == (45, "adjusted", True)
    assert t["/breakdowns/gender/non_binary"].value == 5
    assert t["/breakdowns/gender/self_described"] == Total(0, "exact", True, 3)
    # A member's own districts: Otter counts LS1 people among its others, so LS1 is "at least".
    assert (
        t["/breakdowns/postcode_district/LS1"].value,
        t["/breakdowns/postcode_district/LS1"].how,
    ) == (27, "at_least")
    # Means weighted by people, only from members showing both: (3.0 x 10 + 1.0 x 10) / 20.
    change = t["/outcomes/wemwbs/mean_change"]
    assert (change.value, change.how, change.from_members) == (2.0, "weighted_mean", 2)
    assert "2 of 3" in change.note


def test_a_weighted_mean_is_not_a_mean_of_means(tmp_path: Path) -> None:
    write(tmp_path, "a.json", member("A", "GB-CHC-1000001", wemwbs=(30, 4.0, 5)))
    write(tmp_path, "b.json", member("B", "GB-CHC-1000002", wemwbs=(10, -2.0, 5)))
    change = totals(combined(tmp_path))["/outcomes/wemwbs/mean_change"]
    assert change.value == 2.5  # (30 x 4 - 10 x 2) / 40, not (4 - 2) / 2 = 1


def test_a_version_1_return_is_read_beside_version_1_returns(tmp_path: Path) -> None:
    for name, doc in (("a.json", red_kite()), ("b.json", otter())):
        exact = version_1(doc)
        assert list(schema_validator("return-1.json").iter_errors(exact)) == []
        write(tmp_path, name, exact)
    alliance = combined(tmp_path)
    assert alliance.method == "exact" and all(m.identifier is None for m in alliance.members)
    assert totals(alliance)["/participants/unique"] == Total(30, "exact", True, 2)


def refusals(tmp_path: Path, *docs: tuple[str, Any]) -> Combined:
    for name, doc in docs:
        path = tmp_path / name
        path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    result = combine_returns([tmp_path])
    assert result.alliance is None
    return result


def test_a_file_that_is_not_a_return_is_named_with_why(tmp_path: Path) -> None:
    result = refusals(
        tmp_path,
        ("notes.json", "this is not json"),
        ("deep.json", "[" * 100_000),
        ("other.json", {"schema": "something else"}),
        ("template.json", {"peerlog_template": 1, "name": "x", "sections": []}),
        ("good.json", red_kite()),
    )
    assert len(result.problems) == 4
    for name in ("notes.json", "deep.json"):
        said = f"{name}: not a PeerLog return (it is not JSON)"
        assert any(p.startswith(said) for p in result.problems)
    assert any(p.startswith("other.json: not a PeerLog return") for p in result.problems)
    assert any(p.startswith("template.json: not a PeerLog return") for p in result.problems)


def test_a_return_that_fails_its_schema_says_where(tmp_path: Path) -> None:
    bad = red_kite()
    bad["breakdowns"]["gender"]["bame"] = 3
    bad["sessions"]["total"] = "ten"
    result = refusals(tmp_path, ("edited.json", bad))
    (problem,) = result.problems
    assert problem.startswith("edited.json: does not match the shape of a PeerLog return")
    assert "bame" in problem and "/sessions/total" in problem


def test_returns_from_a_newer_peerlog_are_refused(tmp_path: Path) -> None:
    future = red_kite() | {"schema": "peerlog.return/3"}
    newer = heron() | {"peerlog_version": "9.0.0"}
    result = refusals(tmp_path, ("future.json", future), ("newer.json", newer))
    assert any(
        "future.json: made by a newer PeerLog (return version 3)" in p for p in result.problems
    )
    assert any("newer.json: made by PeerLog 9.0.0, newer than this" in p for p in result.problems)


def test_different_periods_or_templates_are_refused(tmp_path: Path) -> None:
    later = heron() | {"period": {"from": "2024-06-01", "to": "2024-08-31"}}
    other = otter() | {"template_version": "2024.3"}
    result = refusals(tmp_path, ("a.json", red_kite()), ("b.json", later), ("c.json", other))
    text = " ".join(result.problems)
    assert "differ in period" in text and "1 June 2024 to 31 August 2024: b.json" in text
    assert "differ in template" in text and '"Our alliance" version 2024.3: c.json' in text
    assert "alliance's template file" in text


def test_members_protected_differently_are_refused(tmp_path: Path) -> None:
    stricter = heron()
    stricter["threshold"] = stricter["disclosure"]["threshold"] = 7
    exact = otter()
    exact["disclosure"] |= {"method": "exact", "ptable": None, "base": None}
    exact["perturbed"] = []
    result = refusals(tmp_path, ("a.json", red_kite()), ("b.json", stricter), ("c.json", exact))
    (problem,) = result.problems
    assert "differ in protection" in problem
    assert "adjusted counts, threshold 7: b.json" in problem
    assert "exact counts, threshold 5: c.json" in problem


def test_the_same_member_twice_keeps_the_latest_and_says_so(tmp_path: Path) -> None:
    write(tmp_path, "kite-first.json", red_kite() | {"made": "2025-04-02T08:00:00Z"})
    second = member(
        "Red Kite Peers", "GB-CHC-1111111", made="2025-04-09T10:30:00Z", sessions=(12, 8, 4)
    )
    write(tmp_path, "kite-again.json", second)
    write(tmp_path, "otter.json", otter())
    result = combine_returns([tmp_path])
    assert result.alliance is not None and result.problems == ()
    (note,) = result.notes
    assert "Red Kite Peers (GB-CHC-1111111) sent two returns: kite-again.json" in note
    assert "not kite-first.json" in note
    assert totals(result.alliance)["/sessions/total"].value == 15  # 12 + 3
    assert result.alliance.notes == result.notes


def test_nothing_chosen_or_an_empty_folder_is_said(tmp_path: Path) -> None:
    assert combine_returns([tmp_path]).problems == (
        f"{tmp_path.name}: this folder has no .json returns in it.",
    )
    assert combine_returns([]).problems == (
        "There are no returns to combine. Choose members' .json returns.",
    )
    assert "there is no such file" in combine_returns([tmp_path / "gone.json"]).problems[0]


def test_our_schema_reader_understands_every_keyword_of_our_schemas() -> None:
    for name in ("return-1.json", "return-2.json", "alliance-return-1.json"):
        schema = json.loads(resource_path("schemas", name).read_text(encoding="utf-8"))
        assert keywords_used(schema) <= KNOWN_KEYWORDS, name


@pytest.mark.parametrize(
    "change", ["none", "bad_gender", "float_count", "missing", "extra", "bad_id"]
)
def test_our_schema_reader_agrees_with_jsonschema(change: str) -> None:
    doc = red_kite()
    if change == "bad_gender":
        doc["breakdowns"]["gender"]["bame"] = 1
    elif change == "float_count":
        doc["participants"]["unique"] = 2.5
    elif change == "missing":
        doc.pop("made")
    elif change == "extra":
        doc["names"] = ["Ann"]
    elif change == "bad_id":
        doc["publisher"]["identifier"] = "charity 123"
    schema = json.loads(resource_path("schemas", "return-2.json").read_text(encoding="utf-8"))
    ours = schema_errors(doc, schema)
    theirs = list(schema_validator().iter_errors(doc))
    assert bool(ours) == bool(theirs) == (change != "none")


def test_the_benchmarks_member_returns_combine(tmp_path: Path) -> None:
    """The benchmark measures real work: its 200 invented returns pass every check."""
    from benchmarks.alliance_figures import write_member_returns

    write_member_returns(tmp_path, members=12)
    alliance = combined(tmp_path)
    assert len(alliance.members) == 12
    assert totals(alliance)["/sessions/total"].value == 12 * 48
