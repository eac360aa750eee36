"""Reading cells and rows of the template: dates, yes/no, lists, codes, headers, problems."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop_app.domain.importing.cells import (
    BadCell,
    read_code,
    read_date,
    read_list,
    read_time,
    read_whole_number,
    read_yes_no,
)
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import parse_row, read_header
from desktop_app.domain.importing.template import PEOPLE, SESSIONS, SHEETS, sheet_named
from desktop_app.domain.vocabularies import ETHNIC_GROUP, GENDER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("31/03/2025", date(2025, 3, 31)),
        ("1/2/2025", date(2025, 2, 1)),  # day first, as in the UK
        (" 2024-02-29 ", date(2024, 2, 29)),
        (datetime(2025, 1, 2, 0, 0), date(2025, 1, 2)),
        (date(2025, 1, 2), date(2025, 1, 2)),
    ],
)
def test_dates_are_read_iso_or_day_first(text: object, expected: date) -> None:
    assert read_date(text) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("03/31/2025", "no month 31"),  # month/day/year is not guessed
        ("31/02/2025", "no such day"),
        ("2023-02-29", "no such day"),
        ("01/02/25", "two digits"),  # which century?
        ("next Tuesday", "not a date"),
        ("31-03-2025", "not a date"),
        (45000, "number, not a date"),  # an Excel serial number without date format
    ],
)
def test_ambiguous_or_impossible_dates_are_problems_never_guesses(text: object, says: str) -> None:
    with pytest.raises(BadCell) as bad:
        read_date(text)  # type: ignore[arg-type]
    assert says in bad.value.expected
    assert "2025-03-31 or 31/03/2025" in bad.value.expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("no", False), ("n", False), ("False", False)],
)
def test_yes_no_words(text: str, expected: bool) -> None:
    assert read_yes_no(text) is expected


def test_other_yes_no_words_are_problems() -> None:
    with pytest.raises(BadCell, match="yes or no"):
        read_yes_no("maybe")


def test_codes_or_labels_in_any_case() -> None:
    assert read_code("WOMAN", GENDER) == "woman"
    assert read_code(" prefer to SELF-describe ", GENDER) == "self_described"
    assert read_code("Pakistani", ETHNIC_GROUP) == "asian_pakistani"
    with pytest.raises(BadCell, match="gender"):
        read_code("F", GENDER)


def test_lists_numbers_and_times() -> None:
    assert read_list(" Sleep ; ;Money worries;") == ("Sleep", "Money worries")
    assert read_whole_number(1987.0, "the year") == 1987
    assert read_whole_number("90", "it") == 90
    with pytest.raises(BadCell, match="whole number"):
        read_whole_number("1.5", "it")
    assert read_time("18:30") == time(18, 30)
    with pytest.raises(BadCell):
        read_time("25:00")


def test_sheet_names_are_matched_loosely() -> None:
    assert sheet_named("People.csv") is PEOPLE
    assert sheet_named("Volunteer hours") is sheet_named("volunteer_hours.csv")
    assert sheet_named("notes.csv") is None
    assert {s.file_name for s in SHEETS} >= {"people.csv", "attendance.csv", "training.csv"}


def test_header_problems_name_the_heading_and_suggest_the_right_one() -> None:
    header, problems = read_header(PEOPLE, "people.csv", ["Ref", "Gendre", "ref", ""])
    assert header.positions == {"ref": 0}
    messages = [p.describe() for p in problems]
    assert any("Gendre" in m and "Did you mean gender?" in m for m in messages)
    assert any("twice" in m for m in messages)
    assert any("known_as is missing" in m for m in messages)


def test_a_row_is_read_into_values_and_each_bad_cell_is_one_problem() -> None:
    header, problems = read_header(
        SESSIONS, "sessions.csv", ["ref", "held_on", "kind", "minutes", "topics"]
    )
    assert problems == []
    row, problems = parse_row(header, 7, ["S-1", "2025-13-01", "Group peer support", "", "a;b"])
    assert row is not None
    assert row.values["kind"] == "group"
    assert row.values["topics"] == ("a", "b")
    assert [(p.row, p.column) for p in problems] == [(7, "held_on"), (7, "minutes")]
    assert problems[0] == ImportProblem(
        "sessions.csv", 7, "held_on", "2025-13-01", problems[0].expected
    )
    assert "required" in problems[1].expected


def test_blank_rows_are_skipped() -> None:
    header, _ = read_header(PEOPLE, "people.csv", ["ref", "known_as"])
    assert parse_row(header, 3, ["", "  ", None]) == (None, [])


def test_a_problem_says_where_what_was_found_and_what_is_expected() -> None:
    problem = ImportProblem("people.csv", 12, "gender", "F" * 500, "Use a gender code.")
    text = problem.describe()
    assert text.startswith('people.csv, row 12, column gender: found "FFF')
    assert len(text) < 140 and text.endswith("Use a gender code.")
