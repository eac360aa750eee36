"""Reading an .xlsx workbook for import, in openpyxl's read-only mode so that a sheet of
100,000 rows streams instead of filling memory.

A workbook is checked before openpyxl reads it (see file_limits.py): its size, the sizes of the
files inside it, and its XML (no entities; rows numbered from 1 upwards, not past the limit).
Whatever a damaged workbook makes openpyxl raise, opening or part way through a sheet, becomes a
plain message.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.domain.importing.cells import Cell
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.template import READ_ME
from desktop_app.services.importing.file_limits import (
    TooLarge,
    check_workbook_xml,
    require_small_enough,
)
from desktop_app.services.importing.source_tables import Rows, Source, UnreadableRows

if TYPE_CHECKING:
    from openpyxl import Workbook

CANNOT_OPEN = (
    "This workbook cannot be opened. Open it in Excel, save it again as .xlsx, and try once more."
)
DAMAGED = (
    "This part of the workbook is damaged. Open it in Excel, save it again as .xlsx, and try "
    "once more."
)


class UnreadableWorkbook(Exception):
    """The workbook cannot be read; the message says why, plainly."""


@contextlib.contextmanager
def checked_workbook(path: Path) -> Iterator[Workbook]:
    """The workbook, in read-only mode, once it has passed the checks; closed afterwards.
    Raises UnreadableWorkbook."""
    from openpyxl import load_workbook

    with contextlib.ExitStack() as stack:
        try:
            require_small_enough(path)
            with zipfile.ZipFile(path) as archive:
                problem = check_workbook_xml(archive)
            if problem is not None:
                raise UnreadableWorkbook(problem)
            # opened here so that it is closed whatever openpyxl does on a damaged file
            handle = stack.enter_context(path.open("rb"))
            book = load_workbook(handle, read_only=True, data_only=True)
        except TooLarge as error:
            raise UnreadableWorkbook(str(error)) from error
        except UnreadableWorkbook:
            raise
        except Exception as error:  # zipfile, zlib, XML parsing and openpyxl's own errors
            raise UnreadableWorkbook(CANNOT_OPEN) from error
        try:
            yield book
        finally:
            book.close()


@contextlib.contextmanager
def opened_workbook(path: Path, source: Source) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        try:
            workbook = stack.enter_context(checked_workbook(path))
        except UnreadableWorkbook as error:
            source.problems.append(ImportProblem(path.name, None, "", "", str(error)))
            yield
            return
        for sheet in workbook.worksheets:
            if sheet.title.strip().casefold() == READ_ME.casefold():
                continue
            size = _declared_rows(sheet)
            source.add(sheet.title, f"sheet {sheet.title}", _rows_of(sheet), size)
        if not source.tables and not source.problems:
            source.problems.append(
                ImportProblem(path.name, None, "", "", "This workbook has no sheets to import.")
            )
        yield


def _declared_rows(sheet: Any) -> int:
    try:
        return int(sheet.max_row or 0)
    except Exception:  # a damaged dimension: not known
        return 0


def _rows_of(sheet: Any) -> Any:
    return lambda: sheet_rows(sheet)


def sheet_rows(sheet: Any) -> Rows:
    """A worksheet's rows, numbered as the spreadsheet numbers them. A damaged sheet stops
    with a problem at the row where reading failed."""
    number = 0
    try:
        width = sheet.max_column or 0  # rows are as wide as the sheet says it is
        sheet.reset_dimensions()  # but every row is read, not only those the sheet declares
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(value) for value in values]
            yield number, cells + [None] * (width - len(cells))
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableRows(
            ImportProblem(f"sheet {sheet.title}", number + 1, "", "", DAMAGED)
        ) from error


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool | date | time):
        return value
    if isinstance(value, datetime):
        return value
    return str(value)
