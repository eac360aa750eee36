"""The alliance return as a spreadsheet: a sheet saying who sent what and how to read the
figures, then a sheet per section with a column per member, the alliance total, and how to read
that total. Numbers stay numbers; text never runs as a formula."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.alliance.alliance_return import AllianceReturn, Block
from desktop_app.domain.alliance.wording import (
    block_title,
    cell_text,
    honest_arithmetic,
    row_label,
    total_protection,
)
from desktop_app.services.alliance.who_sent_what import period_words, who_sent_what
from desktop_app.services.returns.formats.xlsx_format import NUMBER_FORMATS, _sheet_name
from desktop_app.services.spreadsheet_cells import sheet_row
from desktop_app.store.private_files import open_private

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(alliance: AllianceReturn, path: Path) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Members"
    _summary(summary, alliance)
    names = {"Members"}
    sheets: dict[str, Worksheet] = {}
    for block in alliance.blocks:
        sheet = sheets.get(block.section)
        if sheet is None:
            sheet = book.create_sheet(_sheet_name(block.heading, names))
            sheets[block.section] = sheet
            _text(sheet, block.heading, TITLE)
        _block(sheet, block, alliance)
    for sheet in sheets.values():
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(alliance.members) + 4):
            sheet.column_dimensions[get_column_letter(column)].width = 18
    with open_private(path) as f:
        book.save(f)


def _summary(sheet: Worksheet, alliance: AllianceReturn) -> None:
    _text(sheet, "Alliance return", TITLE)
    _text(sheet, f"{period_words(alliance)} · {alliance.template}")
    sheet.append([])
    for line in (*alliance.notes, *honest_arithmetic(alliance)):
        _text(sheet, line)
        sheet.cell(sheet.max_row, 1).alignment = WRAP
    sheet.append([])
    header, *rows = who_sent_what(alliance)
    _append(sheet, list(header))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in rows:
        _append(sheet, list(row))
    sheet.column_dimensions["A"].width = 90
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 22


def _block(sheet: Worksheet, block: Block, alliance: AllianceReturn) -> None:
    sheet.append([])
    members = [m.name for m in alliance.members]
    _append(sheet, [block_title(block), *members, "Alliance total", "How to read it"])
    for heading in sheet[sheet.max_row]:
        heading.font = BOLD
    for row in block.rows:
        kind = row.place.kind
        values: list[object] = [row_label(block, row)]
        for figure in row.cells:
            if figure is not None and figure.value is not None:
                values.append(figure.value)
            else:
                values.append(cell_text(figure, kind, alliance.threshold))
        values += [row.total.value, total_protection(row.total)]
        _append(sheet, values)
        for column in range(2, len(values)):
            target = sheet.cell(sheet.max_row, column)
            if isinstance(target.value, (int, float)):
                target.number_format = NUMBER_FORMATS[kind]
            else:
                target.alignment = RIGHT


def _text(sheet: Worksheet, text: str, font: Font | None = None) -> None:
    _append(sheet, [text])
    if font is not None:
        sheet.cell(sheet.max_row, 1).font = font


def _append(sheet: Worksheet, values: list[object]) -> None:
    """A row whose text is only ever text: never a formula, whatever it starts with."""
    sheet.append(sheet_row(sheet, values))
