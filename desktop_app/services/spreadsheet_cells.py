"""Every value PeerLog writes into a workbook goes through `sheet_value`: text is always text
(never a formula) and never holds a character a workbook cannot store. See
domain/spreadsheet_text.py for the same rule in CSV files."""

from __future__ import annotations

import contextlib
from typing import Any

from openpyxl.cell.cell import Cell

from desktop_app.domain.spreadsheet_text import printable


def sheet_value(sheet: Any, value: object) -> object:
    """`value` ready for `sheet.append` (a write-only or an ordinary sheet)."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    if not text.startswith("="):
        return text
    # what openpyxl's WriteOnlyCell makes, and an ordinary sheet's append takes too
    cell = Cell(sheet, row=1, column=1, value=text)
    cell.data_type = "s"  # openpyxl makes text starting with "=" a formula
    return cell


def sheet_row(sheet: Any, values: list[object]) -> list[object]:
    return [sheet_value(sheet, value) for value in values]


def discard_unsaved(book: Any) -> None:
    """After a failed write of a write-only workbook: close openpyxl's half-written sheets now,
    quietly, rather than have Python print their errors when it tidies them away."""
    for page in book.worksheets:
        for stream in (
            getattr(page, "_rows", None),
            getattr(getattr(page, "_writer", None), "xf", None),
        ):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
