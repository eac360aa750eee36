"""Importing anyone's spreadsheet through a `Mapping`: listing its sheets and first rows, the
values in a column, a preview of rows as they will be stored, and saved mappings to reuse.

Mappings are kept in the database's settings (encrypted with everything else).
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.audit import Action
from desktop_app.domain.importing.cells import Cell, cell_text
from desktop_app.domain.importing.mapping import Mapping
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import ParsedRow, parse_row, read_header
from desktop_app.domain.roles import Permission
from desktop_app.services.access import change
from desktop_app.services.importing.file_limits import TooLarge
from desktop_app.services.importing.source_tables import Rows, Source, SourceTable, UnreadableRows
from desktop_app.services.importing.sources import csv_rows, decoded, read_csv_file
from desktop_app.store import settings_repo
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError

if TYPE_CHECKING:
    from openpyxl import Workbook

SETTING = "import_mappings"
DISTINCT_MAX = 200
FIRST_ROWS = 12  # enough to find the row of headings under a title or two


class UnreadableSpreadsheet(StoreError):
    default_message = (
        "PeerLog cannot read this spreadsheet. Save it as .xlsx or as CSV (UTF-8) and try again."
    )


def is_workbook(path: Path) -> bool:
    return path.suffix.casefold() in (".xlsx", ".xlsm")


def source_sheets(path: Path) -> list[str]:
    """The sheets of a workbook, or the file's name for a CSV file."""
    if not is_workbook(path):
        return [path.name]
    with _opened_book(path) as book:
        return list(book.sheetnames)


@dataclass(frozen=True)
class FirstLook:
    """What the mapping step shows first: the sheets, and the first rows of the first one."""

    sheets: list[str]
    rows: list[list[Cell]]


def first_look(path: Path, count: int = FIRST_ROWS) -> FirstLook:
    """The sheets and the first rows of the first sheet, opening the file once: opening a
    large workbook takes over a second (openpyxl reads every shared string first)."""
    if not is_workbook(path):
        return FirstLook([path.name], first_rows(path, path.name, count))
    with _opened_book(path) as book, _said_plainly():
        sheets = list(book.sheetnames)
        rows = _first(_read_through(book, sheets[0]), count) if sheets else []
    return FirstLook(sheets, rows)


def first_rows(path: Path, source_sheet: str, count: int = FIRST_ROWS) -> list[list[Cell]]:
    """The first rows as they are, for choosing the row of headings."""
    with _said_plainly(), opened_rows(path, source_sheet) as rows:
        return _first(rows, count)


def _first(rows: Rows, count: int) -> list[list[Cell]]:
    return [cells for _, cells in itertools.islice(rows, count)]


@contextlib.contextmanager
def opened_rows(path: Path, source_sheet: str) -> Iterator[Rows]:
    """The rows of one sheet of a workbook, or of a CSV file, read as they come."""
    if not is_workbook(path):
        try:
            text = decoded(read_csv_file(path))
        except TooLarge as error:
            raise UnreadableSpreadsheet(str(error)) from error
        if text is None:
            raise UnreadableSpreadsheet()
        yield csv_rows(text, path.name)
        return
    with _opened_book(path) as book:
        if source_sheet not in book.sheetnames:
            raise UnreadableSpreadsheet(f"This workbook has no sheet called {source_sheet}.")
        yield _read_through(book, source_sheet)


def _read_through(book: Workbook, source_sheet: str) -> Rows:
    """The rows of a sheet. openpyxl reads a sheet as it goes, so a damaged one fails part
    way: that stops with a problem at the row, as a CSV file with a stray quote mark does."""
    from desktop_app.services.importing.workbook import sheet_rows

    return sheet_rows(book[source_sheet])


@contextlib.contextmanager
def _said_plainly() -> Iterator[None]:
    """While mapping, a file that cannot be read to the end is a message for the user (the
    import itself lists it with the other problems)."""
    try:
        yield
    except UnreadableRows as stop:
        problem = stop.problem
        where = problem.source if problem.row is None else f"Row {problem.row} of {problem.source}"
        raise UnreadableSpreadsheet(f"{where}: {problem.expected}") from stop


@contextlib.contextmanager
def _opened_book(path: Path) -> Iterator[Workbook]:
    from desktop_app.services.importing.workbook import (
        CANNOT_OPEN,
        UnreadableWorkbook,
        checked_workbook,
    )

    try:
        with checked_workbook(path) as book:
            yield book
    except UnreadableWorkbook as error:  # this step's own words when it simply cannot be read
        raise UnreadableSpreadsheet(None if str(error) == CANNOT_OPEN else str(error)) from error


def distinct_values(path: Path, mapping: Mapping, column: str) -> list[str]:
    """The different values in the sheet's column mapped to `column` (the first 200)."""
    found: dict[str, str] = {}
    heading = mapping.columns.get(column, "")
    with _said_plainly(), opened_rows(path, mapping.source_sheet) as rows:
        index = None
        for number, cells in rows:
            if number == mapping.header_row:
                texts = [cell_text(c) for c in cells]
                index = texts.index(heading) if heading in texts else None
            elif number > mapping.header_row and index is not None and index < len(cells):
                text = cell_text(cells[index])
                if text:
                    found.setdefault(text.casefold(), text)
                if len(found) >= DISTINCT_MAX:
                    break
    return sorted(found.values(), key=str.casefold)


def mapped_rows(path: Path, mapping: Mapping) -> Rows:
    """The sheet as template rows: the template's headings on the row of headings, then each
    of their rows mapped."""
    with opened_rows(path, mapping.source_sheet) as rows:
        headings: list[Cell] = []
        for number, cells in rows:
            if number < mapping.header_row:
                continue
            if number == mapping.header_row:
                headings = cells
                yield number, mapping.headings()
            else:
                yield number, mapping.apply(headings, cells)


@contextlib.contextmanager
def mapped_source(path: Path, mapping: Mapping) -> Iterator[Source]:
    sheet = mapping.template_sheet()
    where = f"sheet {mapping.source_sheet}" if mapping.source_sheet else path.name
    source = Source()
    source.tables.append(SourceTable(sheet, where, lambda: mapped_rows(path, mapping), 0))
    yield source


def preview_rows(
    path: Path, mapping: Mapping, count: int = 5
) -> list[tuple[ParsedRow | None, list[ImportProblem]]]:
    """The first rows as they will be stored, each with its problems."""
    sheet = mapping.template_sheet()
    rows = mapped_rows(path, mapping)
    result = []
    with _said_plainly():
        for number, cells in rows:
            header, problems = read_header(sheet, path.name, cells, number)
            break
        else:
            return []
        if problems:
            return [(None, problems)]
        for number, cells in itertools.islice(rows, count):
            result.append(parse_row(header, number, cells))
    return result


def saved_mappings(db: Database) -> dict[str, Mapping]:
    stored = json.loads(db.setting(SETTING) or "{}")
    mappings = {}
    for name, text in stored.items():
        try:
            mappings[str(name)] = Mapping.from_json(str(text))
        except (ValueError, KeyError, TypeError):
            continue  # made by a later version, perhaps: leave it out
    return mappings


def save_mapping(db: Database, name: str, mapping: Mapping) -> None:
    """Save (or replace) the mapping under `name`, to reuse next time."""
    with change(db, Permission.LOG_RECORDS) as work:  # whoever imports may keep a mapping
        stored = json.loads(settings_repo.get(work.conn, SETTING, "{}"))
        stored[" ".join(name.split())] = mapping.to_json()
        settings_repo.put(work.conn, SETTING, json.dumps(stored, sort_keys=True))
        work.record(Action.SETTING_CHANGE, "setting", SETTING)
