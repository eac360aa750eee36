"""Text written into spreadsheets and CSV files is always text, never a formula.

A name such as `=HYPERLINK("http://...")` typed into PeerLog, or imported from someone's file,
must not become a live formula when a return or an export is opened in Excel. OWASP's advice for
CSV files is followed: a cell starting with = + - @, a tab or a carriage return gets a leading
single quote, which spreadsheet programs read as "this is text". A cell that already starts with
a single quote gets one too, so that reading a PeerLog CSV file back (`from_csv_cell`) takes
exactly one off and gives the original text. Numbers PeerLog computed are written as numbers.

In a workbook, text is written with the string data type (see services/spreadsheet_cells.py),
so it needs no quote; characters a workbook cannot hold (control characters) are replaced.
"""

from __future__ import annotations

import re
from datetime import date, time

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REPLACEMENT = "\ufffd"

CsvValue = str | int | float


def csv_cell(value: object) -> CsvValue:
    """`value` as a CSV cell: numbers as they are, everything else text that cannot run."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if value is None:
        return ""
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(RISKY_STARTS) else text


def from_csv_cell(text: str) -> str:
    """A cell read from a CSV file, without the quote `csv_cell` put in front of risky text."""
    if text.startswith("'") and text[1:].startswith(RISKY_STARTS):
        return text[1:]
    return text


def printable(text: str) -> str:
    """`text` with control characters (which no workbook can hold) replaced by �."""
    return CONTROL_CHARACTERS.sub(REPLACEMENT, text)


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a character other than tabs and line breaks that cannot be typed."""
    return CONTROL_CHARACTERS.search(text) is not None
