"""The alliance return in all four formats, read back the way an alliance's computer would, and
compared with the combined figures; text that could run as a spreadsheet formula stays text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.alliance.schema_check import schema_errors
from desktop_app.domain.alliance.wording import plain_number, total_protection
from desktop_app.resources import resource_path
from desktop_app.services.alliance.combine import FORMATS, combine_returns, write_alliance
from tests.alliance.members import member, write, write_members
from tests.returns.return_readback import csv_rows, json_document, pdf_text, xlsx_cells


@pytest.fixture
def written(tmp_path: Path) -> tuple[AllianceReturn, dict[str, Path]]:
    write_members(tmp_path / "in")
    result = combine_returns([tmp_path / "in"])
    assert result.alliance is not None
    paths = {fmt: tmp_path / f"alliance.{fmt}" for fmt in FORMATS}
    for fmt, path in paths.items():
        write_alliance(result.alliance, fmt, path)
        assert path.stat().st_mode & 0o077 == 0, "owner-only, like every file PeerLog writes"
    assert not list(tmp_path.glob(".*partial"))
    return result.alliance, paths


def test_json_matches_its_schema_and_every_figure(written) -> None:
    alliance, paths = written
    doc = json_document(paths["json"])
    schema = json.loads(resource_path("schemas", "alliance-return-1.json").read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(doc)) == []
    assert schema_errors(doc, schema) == []
    assert doc["schema"] == "peerlog.alliance-return/1"
    assert [m["identifier"] for m in doc["members"]] == [m.identifier for m in alliance.members]
    figures = {f["pointer"]: f for f in doc["figures"]}
    assert len(figures) == len(list(alliance.rows()))
    for row in alliance.rows():
        figure = figures[row.pointer]
        assert figure["total"]["value"] == row.total.value
        assert figure["total"]["how"] == row.total.how
        for cell, shown in zip(row.cells, figure["members"], strict=True):
            assert shown == (
                None if cell is None else {"value": cell.value, "protection": cell.protection}
            )
    anonymous = figures["/attendances/anonymous"]
    assert anonymous["members"][0] == {"value": None, "protection": "hidden"}  # Heron
    assert anonymous["total"] | {"note": ""} == {
        "value": 18, "how": "at_least", "added_up_people": False, "from_members": 2, "note": ""
    }  # fmt: skip


def test_an_alliance_return_is_not_taken_for_a_members_return(written, tmp_path: Path) -> None:
    _, paths = written
    result = combine_returns([paths["json"]])
    assert result.problems[0].startswith(
        "alliance.json: not a PeerLog return from a member: it is an alliance return"
    )


def test_tidy_csv_has_a_row_per_member_and_figure_and_the_total(written) -> None:
    alliance, paths = written
    rows = csv_rows(paths["csv"])
    assert list(rows[0]) == ["member", "section", "item", "value", "protection"]
    by_key = {(r["member"], r["item"]): r for r in rows}
    total = by_key[("Alliance total", "People who took part")]
    assert (total["value"], total["protection"]) == ("45", "adjusted; members' counts added up")
    heron = by_key[("Heron Wellbeing (GB-SC-SC012345)", "Anonymous headcount")]
    assert (heron["value"], heron["protection"]) == ("", "hidden")
    assert by_key[("Alliance total", "Anonymous headcount")]["protection"] == "at least"
    count = 0
    for row in alliance.rows():
        item = (
            row.place.label if row.place.title is None else f"{row.place.title}: {row.place.label}"
        )
        got = by_key[("Alliance total", item)]
        want = "" if row.total.value is None else plain_number(row.total.value, row.place.kind)
        assert (got["value"], got["protection"]) == (want, total_protection(row.total))
        count += 1 + sum(cell is not None for cell in row.cells)
    assert len(rows) == count


def test_spreadsheet_has_a_column_per_member_and_the_total(written) -> None:
    _, paths = written
    sheets = xlsx_cells(paths["xlsx"])
    assert next(iter(sheets)) == "Members"
    members = " ".join(str(v) for row in sheets["Members"] for v in row if v is not None)
    assert "GB-SC-SC012345" in members and "heron.json" in members and "at least" in members
    attendances = sheets["Attendances"]
    header = next(r for r in attendances if "Alliance total" in r)
    assert header[1:] == (
        "Heron Wellbeing",
        "Otter Café",
        "Red Kite Peers",
        "Alliance total",
        "How to read it",
    )
    anonymous = next(r for r in attendances if r[0] == "Anonymous headcount")
    assert anonymous[1:] == ("<5", 8, 10, 18, "at least")
    people = next(
        r
        for r in sheets["People who took part"]
        if r[0] and str(r[0]).startswith("People who took part (")
    )
    assert people == (
        "People who took part (members' counts added up)",
        15,
        10,
        20,
        45,
        "adjusted; members' counts added up",
    )


def test_pdf_shows_the_tables_the_charts_and_who_sent_what(written) -> None:
    _, paths = written
    text = pdf_text(paths["pdf"])
    for expected in (
        "Alliance return",
        "1 April 2024 to 31 May 2024",
        "Heron Wellbeing Otter Café Red Kite Peers Alliance total",
        "Anonymous headcount <5 8 10 at least 18",
        "People who took part (members' counts added up) 15 10 20 ≈ 45",
        "Mean change n<5 +1.00 +3.00 +2.00",
        "Gender (members' counts added up)",
        "Who sent what, and when",
        "GB-COH-01234567",
        "otter.json",
        "10 April 2025 09:00 UTC",
        "is not a zero",
    ):
        assert expected in text, expected
    assert "Apr 24" in text, "the chart of sessions per month"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    write(tmp_path / "in", "a.json", member('=HYPERLINK("http://x")', None))
    write(tmp_path / "in", "b.json", member("+Plus Group", "GB-CHC-1234567"))
    result = combine_returns([tmp_path / "in"])
    assert result.alliance is not None
    write_alliance(result.alliance, "csv", tmp_path / "a.csv")
    write_alliance(result.alliance, "xlsx", tmp_path / "a.xlsx")
    members = {r["member"] for r in csv_rows(tmp_path / "a.csv")}
    assert members == {
        "'+Plus Group (GB-CHC-1234567)",
        '\'=HYPERLINK("http://x")',
        "Alliance total",
    }
    book = load_workbook(tmp_path / "a.xlsx")
    cells = [
        c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
    ]
    risky = [c for c in cells if c.value.startswith("=")]
    assert risky and all(c.data_type == "s" for c in risky)
