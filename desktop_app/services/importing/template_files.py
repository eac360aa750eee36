"""The PeerLog template workbook: one sheet per record type with its row of headings, and a
"Read me" sheet listing every column, whether it is required, and the values it accepts.

"Export all records" (services/export_all.py) writes the same sheets, filled in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.importing.template import READ_ME, SHEETS, Sheet
from desktop_app.domain.spreadsheet_text import printable
from desktop_app.services.spreadsheet_cells import discard_unsaved, sheet_row
from desktop_app.store.files import written_in_place
from desktop_app.store.private_files import open_private

IMPORTED_SHEETS: tuple[Sheet, ...] = SHEETS

_INTRO = (
    "How to fill in this workbook",
    "Each sheet holds one kind of record, one record per row, under the headings in row 1. "
    "Keep the headings as they are; you may leave out optional columns and delete sheets you "
    "do not need.",
    "People, volunteers and sessions are matched on their reference: importing a row whose "
    "reference is already in PeerLog updates that record, so importing the same file twice "
    "adds nothing twice. Nothing is ever deleted by an import.",
    "A column left out keeps what PeerLog already has; an empty cell in a column that is there "
    "clears that value.",
    "Dates: 2025-03-31 or 31/03/2025 (day first). Yes/no: yes, no, y, n, true or false. Lists: "
    "separate the items with ;",
    "Everything is checked before anything is saved: if any row has a problem, PeerLog lists "
    "them all (sheet, row, column) and imports nothing.",
    "The same sheets can also be imported as CSV files (people.csv, sessions.csv ...) in a "
    "folder or a .zip file.",
)
_BOLD = Font(bold=True)


def write_template(out: Path) -> Path:
    """Write the blank template to `out` (.xlsx)."""
    book = Workbook(write_only=True)
    try:
        with written_in_place(out) as tmp:  # openpyxl writes temporary files as it goes
            write_read_me(book)
            for sheet in IMPORTED_SHEETS:
                new_sheet(book, sheet)
            with open_private(tmp) as f:
                book.save(f)
    except BaseException:
        discard_unsaved(book)
        raise
    return out


def write_read_me(book: Workbook) -> None:
    page: Any = book.create_sheet(READ_ME)
    page.column_dimensions["A"].width = 18
    page.column_dimensions["B"].width = 22
    page.column_dimensions["C"].width = 10
    page.column_dimensions["D"].width = 60
    page.column_dimensions["E"].width = 80
    page.append([_bold(page, _INTRO[0])])
    for line in _INTRO[1:]:
        page.append(sheet_row(page, [line]))
    page.append([])
    page.append(
        [
            _bold(page, h)
            for h in ("Sheet", "Column", "Required", "What it holds", "Accepted values")
        ]
    )
    for sheet in IMPORTED_SHEETS:
        page.append([_bold(page, sheet.name), *sheet_row(page, ["", "", sheet.meaning])])
        for column in sheet.columns:
            page.append(
                [
                    *sheet_row(
                        page,
                        [
                            sheet.name,
                            column.name,
                            "required" if column.required else "optional",
                            column.meaning,
                        ],
                    ),
                    _wrapped(page, column.accepted()),
                ]
            )


def new_sheet(book: Workbook, sheet: Sheet) -> WriteOnlyWorksheet:
    """A sheet with its row of headings, frozen so it stays in view."""
    page: Any = book.create_sheet(sheet.name)
    page.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns):
        page.column_dimensions[get_column_letter(index + 1)].width = max(12, len(column.name) + 4)
    page.append([_bold(page, column.name) for column in sheet.columns])
    return page  # type: ignore[no-any-return]


def _bold(page: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(page, printable(text))
    cell.data_type = "s"
    cell.font = _BOLD
    return cell


def _wrapped(page: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(page, printable(text))
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell
