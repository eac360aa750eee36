"""The alliance return as one tidy CSV table: member, section, item, value, protection. A row per
member per figure, then the alliance total ("Alliance total"). Hidden values are empty, so the
file loads straight into a database; every text cell is safe from spreadsheet formulas."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.alliance.wording import plain_number, total_protection
from desktop_app.domain.spreadsheet_text import csv_cell
from desktop_app.store.private_files import open_private

HEADER = ("member", "section", "item", "value", "protection")
TOTAL = "Alliance total"


def csv_rows(alliance: AllianceReturn) -> Iterator[tuple[str, str, str, str, str]]:
    names = [m.label for m in alliance.members]
    for row in alliance.rows():
        place = row.place
        item = place.label if place.title is None else f"{place.title}: {place.label}"
        for name, cell in zip(names, row.cells, strict=True):
            if cell is not None:
                value = "" if cell.value is None else plain_number(cell.value, place.kind)
                yield name, place.heading, item, value, cell.protection
        total = row.total
        value = "" if total.value is None else plain_number(total.value, place.kind)
        yield TOTAL, place.heading, item, value, total_protection(total)


def write_csv(alliance: AllianceReturn, path: Path) -> None:
    # utf-8-sig so that spreadsheet programs read names with accents correctly.
    with open_private(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for member, section, item, value, protection in csv_rows(alliance):
            # Text (a member's name could start with "=") never runs as a formula; the value is
            # a number PeerLog wrote, or empty.
            writer.writerow(
                (csv_cell(member), csv_cell(section), csv_cell(item), value, protection)
            )
