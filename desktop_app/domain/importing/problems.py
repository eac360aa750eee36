"""What is wrong with an import file, said so that a volunteer can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass

FOUND_MAX = 60  # a value found is shown shortened: a huge cell must not flood the list


@dataclass(frozen=True)
class ImportProblem:
    """One problem: where (`source` is a file or sheet, `row` as the spreadsheet numbers it,
    `column` its header), the value found, and what is expected instead."""

    source: str  # "people.csv" or "sheet people"
    row: int | None  # None: the problem is with the whole file or sheet
    column: str  # "" when it is not about one column
    found: str
    expected: str

    def describe(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        found = f': found "{shortened(self.found)}"' if self.found else ""
        if self.row is not None and self.column and not self.found:
            found = ": found nothing"
        return f"{', '.join(where)}{found}. {self.expected}"


def shortened(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= FOUND_MAX:
        return one_line
    return f"{one_line[: FOUND_MAX - 1]}…"
