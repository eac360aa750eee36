"""Reading a sheet's header row and then each row into typed values, with problems listed
against the row and column they are in."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from desktop_app.domain.importing.cells import (
    BadCell,
    Cell,
    cell_text,
    could_be_month_first,
    read_code,
    read_date,
    read_list,
    read_minutes,
    read_scores,
    read_time,
    read_whole_number,
    read_yes_no,
)
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.template import RETIRED_HEADINGS, Column, Sheet, normal_name
from desktop_app.domain.problems import HOLDS_CONTROL_CHARACTER, long_date
from desktop_app.domain.spreadsheet_text import has_control_characters

Value = str | int | float | bool | date | time | tuple[str, ...] | tuple[int | None, ...] | None


@dataclass(frozen=True)
class Header:
    """Where each template column is in a sheet (only the columns the sheet has)."""

    sheet: Sheet
    source: str
    positions: dict[str, int]

    def has(self, column: str) -> bool:
        return column in self.positions


def read_header(
    sheet: Sheet, source: str, cells: Sequence[Cell], row: int = 1
) -> tuple[Header, list[ImportProblem]]:
    positions: dict[str, int] = {}
    problems: list[ImportProblem] = []
    names = [c.name for c in sheet.columns]
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if not text:
            continue
        name = normal_name(text)
        if name in positions:
            problems.append(
                ImportProblem(source, row, text, text, "This heading is there twice: keep one.")
            )
        elif name in names:
            positions[name] = index
        else:
            problems.append(ImportProblem(source, row, text, text, _unknown_heading(name, names)))
    for name in sheet.required:
        if name not in positions:
            problems.append(
                ImportProblem(
                    source,
                    row,
                    name,
                    "",
                    f"The heading {name} is missing from the first row; the column is required.",
                )
            )
    return Header(sheet, source, positions), problems


def _unknown_heading(name: str, names: list[str]) -> str:
    if name in RETIRED_HEADINGS:
        return RETIRED_HEADINGS[name]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"Did you mean {close[0]}? " if close else ""
    return f"This is not a heading of the template. {hint}The headings are: {', '.join(names)}."


@dataclass(frozen=True)
class ParsedRow:
    """One row's values by column name, for the columns the sheet has (None: a blank cell)."""

    source: str
    number: int
    values: dict[str, Value]
    could_be_month_first: tuple[str, ...] = ()  # date columns read day first that need not be
    month_first: tuple[str, ...] = ()  # date columns with a date only month first makes sense of

    def has(self, column: str) -> bool:
        return column in self.values

    def text(self, column: str) -> str:
        value = self.values.get(column)
        return value if isinstance(value, str) else ""

    def date(self, column: str) -> date | None:
        value = self.values.get(column)
        return value if isinstance(value, date) else None

    def items(self, column: str) -> tuple[str, ...]:
        value = self.values.get(column)
        return tuple(str(v) for v in value) if isinstance(value, tuple) else ()

    def scores(self, column: str) -> tuple[int | None, ...] | None:
        value = self.values.get(column)
        if not isinstance(value, tuple):
            return None
        return tuple(v if isinstance(v, int) else None for v in value)

    def problem(self, column: str, expected: str) -> ImportProblem:
        return ImportProblem(
            self.source, self.number, column, found_text(self.values.get(column)), expected
        )


def found_text(value: Value) -> str:
    if isinstance(value, tuple):
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return cell_text(value)


def parse_row(
    header: Header, number: int, cells: Sequence[Cell]
) -> tuple[ParsedRow | None, list[ImportProblem]]:
    """The row's values, or None for a blank row (skipped)."""
    if all(cell_text(cell) == "" for cell in cells):
        return None, []
    values: dict[str, Value] = {}
    problems: list[ImportProblem] = []
    either_way: list[str] = []
    month_first: list[str] = []
    for name, index in header.positions.items():
        column = header.sheet.column(name)
        cell = cells[index] if index < len(cells) else None
        try:
            values[name] = read_value(column, cell)
        except BadCell as bad:
            problems.append(
                ImportProblem(header.source, number, name, cell_text(cell), bad.expected)
            )
            if bad.month_first:
                month_first.append(name)
            continue
        if column.kind == "date" and could_be_month_first(cell):
            either_way.append(name)
        if column.required and values[name] in (None, ()):
            problems.append(
                ImportProblem(
                    header.source, number, name, "", f"{column.meaning} This column is required."
                )
            )
    row = ParsedRow(header.source, number, values, tuple(either_way), tuple(month_first))
    return row, problems


def ambiguous_dates(
    rows: Sequence[ParsedRow], month_first_rows: dict[str, int]
) -> list[ImportProblem]:
    """Dates read day first in a column where another row's date only works month first
    (`month_first_rows`: column -> that row): the file may be month first, so these dates could
    be either, and are listed rather than guessed."""
    problems = []
    for row in rows:
        for column in row.could_be_month_first:
            if column in month_first_rows:
                day = row.date(column)
                assert day is not None
                problems.append(
                    row.problem(
                        column,
                        f"Row {month_first_rows[column]} has a date in this column that only "
                        f"works as month/day/year, so this one could be {long_date(day)} or "
                        f"{long_date(day.replace(month=day.day, day=day.month))}. Write it as "
                        "YYYY-MM-DD, like 2025-03-31.",
                    )
                )
    return problems


def read_value(column: Column, cell: Cell) -> Value:
    """The value of `cell` in `column`, or None when it is blank."""
    if cell_text(cell) == "":
        return None
    if isinstance(cell, str) and has_control_characters(cell):
        raise BadCell(f"This {HOLDS_CONTROL_CHARACTER}")
    if column.kind == "scores":
        return read_scores(cell)
    if column.is_list and column.vocabulary is not None:
        return tuple(read_code(item, column.vocabulary) for item in read_list(cell))
    if column.is_list or column.kind == "refs":
        return read_list(cell)
    match column.kind:
        case "text" | "ref":
            return cell_text(cell)
        case "date":
            return read_date(cell)
        case "time":
            return read_time(cell)
        case "year":
            return read_whole_number(cell, "the year")
        case "whole":
            return read_whole_number(cell, "it")
        case "hours":
            return read_minutes(cell)
        case "yes_no":
            return read_yes_no(cell)
        case "code":
            assert column.vocabulary is not None
            return read_code(cell, column.vocabulary)
    raise AssertionError(column.kind)
