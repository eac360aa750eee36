"""The spreadsheet return (.xlsx): a summary sheet, then a sheet per section."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.notices import EXACT_WARNING, perturbation_notice
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn, Section
from desktop_app.services.returns.formats.display import hidden
from desktop_app.store.private_files import open_private

NUMBER_FORMATS = {
    "people": "#,##0",
    "count": "#,##0",
    "hours": "#,##0.0",
    "money": '"£"#,##0.00',
    "rate": '"£"#,##0.00" an hour"',
    "mean": "0.00",
    "change": "+0.00;-0.00;0.00",
}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WARNING = Font(bold=True, color="9C2B1B")
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
LABEL_WIDTH_LIMIT = 60
TEXT_WIDTH = 100


def write_xlsx(protected: ProtectedReturn, path: Path) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, protected)
    names = {"Summary"}
    for section in protected.sections:
        sheet = book.create_sheet(_sheet_name(section.heading, names))
        _section(sheet, section, protected.rules)
        if not protected.rules.perturbed:  # on every sheet, beside the heading
            sheet["C1"] = EXACT_WARNING
            sheet["C1"].font = WARNING
    with open_private(path) as f:
        book.save(f)


def _summary(sheet: Worksheet, protected: ProtectedReturn) -> None:
    sheet.append([protected.organisation])
    sheet["A1"].font = TITLE
    sheet.append([f"Return for {protected.period.label}"])
    sheet.append([f"Template: {protected.template}"])
    if protected.rules.perturbed:
        sheet.append([perturbation_notice(protected.rules)])
    else:
        sheet.append([EXACT_WARNING])
        sheet.cell(sheet.max_row, 1).font = WARNING
        sheet.append([f"Counts of people below {protected.rules.threshold} are hidden"])
    sheet.append([])
    sheet.append(["Headline figures"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for figure in protected.headline:
        _figure_row(sheet, figure, protected.rules)
    _widths(sheet)


def _section(sheet: Worksheet, section: Section, rules: DisclosureRules) -> None:
    sheet.append([section.heading])
    sheet.cell(1, 1).font = TITLE
    for figure in section.figures:
        _figure_row(sheet, figure, rules)
    for table in section.tables:
        sheet.append([])
        sheet.append([table.title, "Number"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for figure in table.rows:
            _figure_row(sheet, figure, rules)
        if table.total is not None:
            _figure_row(sheet, table.total, rules)
            sheet.cell(sheet.max_row, 1).font = BOLD
    for block in section.texts:
        sheet.append([])
        sheet.append([block.title])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.append([block.text])
        sheet.cell(sheet.max_row, 1).alignment = WRAP
    _widths(sheet, text=bool(section.texts))


def _figure_row(sheet: Worksheet, figure: Figure, rules: DisclosureRules) -> None:
    shown = hidden(figure, rules) if figure.value is None else figure.value
    sheet.append([figure.label, shown])
    value = sheet.cell(sheet.max_row, 2)
    if figure.value is None:
        value.alignment = RIGHT
    else:
        value.number_format = NUMBER_FORMATS[figure.kind]


def _widths(sheet: Worksheet, text: bool = False) -> None:
    labels = [len(str(row[0].value)) for row in sheet.iter_rows(min_row=2) if row[0].value]
    width = min(LABEL_WIDTH_LIMIT, max(labels, default=20) + 2)
    sheet.column_dimensions["A"].width = TEXT_WIDTH if text else width
    sheet.column_dimensions["B"].width = 18


def _sheet_name(heading: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name; names must differ."""
    base = re.sub(r"[\[\]:*?/\\]", " ", heading).strip()[:31] or "Section"
    name, number = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name
