"""Reading an .xlsx workbook for import, in openpyxl's read-only mode so that a sheet of
100,000 rows streams instead of filling memory."""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from desktop_app.domain.importing.cells import Cell
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.template import READ_ME
from desktop_app.services.importing.source_tables import Rows, Source

_UNREADABLE = (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError)


@contextlib.contextmanager
def opened_workbook(path: Path, source: Source) -> Iterator[None]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE:
        source.problems.append(
            ImportProblem(
                path.name,
                None,
                "",
                "",
                "This workbook cannot be opened. Open it in Excel, save it again as .xlsx, and "
                "try once more.",
            )
        )
        yield
        return
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().casefold() == READ_ME.casefold():
                continue
            size = sheet.max_row or 0
            source.add(sheet.title, f"sheet {sheet.title}", _rows_of(sheet), size)
        if not source.tables and not source.problems:
            source.problems.append(
                ImportProblem(path.name, None, "", "", "This workbook has no sheets to import.")
            )
        yield
    finally:
        workbook.close()


def _rows_of(sheet: Any) -> Any:
    return lambda: sheet_rows(sheet)


def sheet_rows(sheet: Any) -> Rows:
    """A worksheet's rows, numbered as the spreadsheet numbers them."""
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [_cell(value) for value in values]


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool | date | time):
        return value
    if isinstance(value, datetime):
        return value
    return str(value)
