"""The tables an import source holds, read lazily: what reading a workbook, a zip or a folder
of CSV files produces (see sources.py and workbook.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from desktop_app.domain.importing.cells import Cell
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.template import SHEETS, Sheet, sheet_named

Rows = Iterator[tuple[int, list[Cell]]]  # (row number as the spreadsheet shows it, cells)
FILE_NAMES = ", ".join(s.file_name for s in SHEETS)


class UnreadableRows(Exception):
    """Reading stopped part way through a table; `problem` says where and why."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.expected)
        self.problem = problem


@dataclass(frozen=True)
class SourceTable:
    sheet: Sheet
    source: str  # "people.csv" or "sheet people", as problems name it
    rows: Callable[[], Rows]
    size: int  # about how many rows, for progress (0: not known)


@dataclass
class Source:
    tables: list[SourceTable] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    def add(self, sheet_or_file: str, source: str, rows: Callable[[], Rows], size: int) -> None:
        sheet = sheet_named(sheet_or_file)
        if sheet is None:
            self.problems.append(
                ImportProblem(
                    source,
                    None,
                    "",
                    "",
                    f"This is not part of the PeerLog template. Rename it to one of {FILE_NAMES} "
                    "(without .csv for a sheet), or remove it.",
                )
            )
        elif any(t.sheet is sheet for t in self.tables):
            self.problems.append(
                ImportProblem(source, None, "", "", f"There are two {sheet.name} tables: keep one.")
            )
        else:
            self.tables.append(SourceTable(sheet, source, rows, size))
