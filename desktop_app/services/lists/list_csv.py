"""A shown list as a CSV file that any spreadsheet opens: UTF-8 with a byte order mark (so Excel
reads accents), every cell through `csv_cell` (text that looks like a formula cannot run).

What the file holds, a line each:

    Contains personal data — keep safe, do not email unencrypted   (only when it does)
    People — current people — search 'smith' — sorted by Name
    Riverside Peer Support · made on 3 December 2026 at 14:05
    (a blank line)
    Reference,Name,Born,…                                         (the columns as shown)
    P0001,Ann Smith,1980,…                                        (every row, in order)

The lines above the blank one have a single cell, so a spreadsheet shows them as notes above
the table; a program reading the table skips the first lines up to the blank one.
"""

from __future__ import annotations

import csv
from typing import TextIO

from desktop_app.domain.spreadsheet_text import csv_cell
from desktop_app.services.lists.shown_list import PERSONAL_DATA_MARK, ShownList


def write_csv(shown: ShownList, out: TextIO) -> None:
    """Write `shown` to `out`, opened with encoding="utf-8-sig" and newline=""."""
    writer = csv.writer(out, lineterminator="\r\n")
    if shown.personal:
        writer.writerow([csv_cell(PERSONAL_DATA_MARK)])
    writer.writerow([csv_cell(shown.title)])
    writer.writerow([csv_cell(shown.made)])
    writer.writerow([])
    writer.writerow([csv_cell(title) for title in shown.columns])
    for row in shown.rows:
        writer.writerow([csv_cell(text) for text in row])
