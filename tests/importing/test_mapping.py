"""Anyone's spreadsheet: guessing the mapping, correcting it, saving it, and importing through
it with every rule of the template still applied."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.importing.mapping import Mapping, guess_columns, guess_value
from desktop_app.domain.importing.template import PEOPLE
from desktop_app.services import people
from desktop_app.services.importing.mapping import (
    UnreadableSpreadsheet,
    distinct_values,
    first_look,
    first_rows,
    preview_rows,
    save_mapping,
    saved_mappings,
    source_sheets,
)
from desktop_app.services.importing.template_import import ImportRefused, run_import
from desktop_app.store.database import Database
from tests.importing.conftest import HEADINGS, WriteCsv


def test_columns_are_guessed_from_the_headings() -> None:
    assert guess_columns(PEOPLE, HEADINGS) == {
        "ref": "Client ID",
        "known_as": "Name",
        "gender": "Sex",
        "ethnicity": "Ethnic group",
        "first_contact": "Date joined",
    }


def test_values_are_guessed_as_codes() -> None:
    gender, ethnicity = PEOPLE.column("gender"), PEOPLE.column("ethnicity")
    assert guess_value(gender, "F") == "woman" and guess_value(gender, "Male") == "man"
    assert guess_value(ethnicity, "Pakistani") == "asian_pakistani"
    assert guess_value(gender, "unknown") is None
    assert guess_value(PEOPLE.column("known_as"), "Amara") is None


def test_a_mapping_is_saved_and_reused(db: Database) -> None:
    mapping = Mapping("people", 3, "Members 2024", {"ref": "Client ID"}, {"gender": {"f": "woman"}})
    save_mapping(db, "  Riverside   members ", mapping)
    assert saved_mappings(db) == {"Riverside members": mapping}
    assert Mapping.from_json(mapping.to_json()) == mapping


def test_the_first_look_gives_the_sheets_and_the_first_rows_of_the_first(
    their_workbook: Path, write_csv: WriteCsv
) -> None:
    look = first_look(their_workbook)
    assert look.sheets == source_sheets(their_workbook) == ["Members 2024", "Totals"]
    assert look.rows == first_rows(their_workbook, "Members 2024")
    assert look.rows[2] == HEADINGS
    members = write_csv("members", "Client ID,Name", "C101,Amara")
    assert first_look(members).sheets == ["members.csv"]
    assert first_look(members).rows == [["Client ID", "Name"], ["C101", "Amara"]]


def test_an_unreadable_file_or_a_missing_sheet_is_said_plainly(
    tmp_path: Path, their_workbook: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook at all")
    with pytest.raises(UnreadableSpreadsheet, match="cannot read this spreadsheet"):
        first_look(broken)
    with pytest.raises(UnreadableSpreadsheet, match="no sheet called Members 2023"):
        first_rows(their_workbook, "Members 2023")


def test_a_file_that_cannot_be_read_to_the_end_is_said_plainly_while_mapping(
    db: Database, damaged_workbook: Path, write_csv: WriteCsv
) -> None:
    mapping = Mapping("people", 1, "Members", {"ref": "Client ID", "gender": "Sex"})
    assert first_rows(damaged_workbook, "Members")[1] == ["C0", "M"]  # the start is fine
    with pytest.raises(UnreadableSpreadsheet, match=r"^Row \d+ of sheet Members: This part of"):
        distinct_values(damaged_workbook, mapping, "gender")
    with pytest.raises(ImportRefused) as refused:  # importing lists it with the other problems
        run_import(db, damaged_workbook, mapping=mapping)
    assert "is damaged" in refused.value.report.problems[-1].expected
    unclosed = write_csv("members", "Client ID,Notes", 'C101,"Said' + " more" * 40_000)
    with pytest.raises(UnreadableSpreadsheet, match=r"^Row 2 of members\.csv: This row cannot"):
        first_rows(unclosed, "members.csv")


def test_their_spreadsheet_is_imported_through_a_mapping(
    db: Database, their_workbook: Path
) -> None:
    assert source_sheets(their_workbook) == ["Members 2024", "Totals"]
    assert first_rows(their_workbook, "Members 2024")[2] == HEADINGS
    mapping = Mapping(
        "people",
        header_row=3,
        source_sheet="Members 2024",
        columns=guess_columns(PEOPLE, HEADINGS),
    )
    assert distinct_values(their_workbook, mapping, "gender") == ["F", "M"]
    [(_, problems), (second, _)] = preview_rows(their_workbook, mapping)  # "F" unmapped
    assert problems[0].column == "gender" and problems[0].found == "F"
    assert second is not None
    mapping = Mapping(
        "people", 3, "Members 2024", mapping.columns, {"gender": {"f": "woman", "m": "man"}}
    )
    [(first, problems), _] = preview_rows(their_workbook, mapping)
    assert problems == [] and first is not None and first.values["gender"] == "woman"
    run_import(db, their_workbook, mapping=mapping)
    amara = people.get_person(db, people.find_people(db, "C101")[0].id)
    assert (amara.known_as, amara.gender, amara.ethnic_group, amara.first_contact) == (
        "Amara",
        "woman",
        "asian_pakistani",
        date(2024, 1, 9),
    )
    ben = people.get_person(db, people.find_people(db, "C102")[0].id)
    assert (ben.ethnic_group, ben.first_contact) == ("white_other", date(2024, 2, 9))


def test_problems_through_a_mapping_name_their_sheet_and_row(
    db: Database, their_workbook: Path
) -> None:
    mapping = Mapping("people", 3, "Members 2024", guess_columns(PEOPLE, HEADINGS))
    with pytest.raises(ImportRefused) as refused:
        run_import(db, their_workbook, mapping=mapping)
    assert [(p.source, p.row, p.column) for p in refused.value.report.problems] == [
        ("sheet Members 2024", 4, "gender"),
        ("sheet Members 2024", 5, "gender"),
    ]
