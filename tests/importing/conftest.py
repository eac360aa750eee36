"""Import fixtures: template CSV files written into a temporary folder."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

WriteCsv = Callable[..., Path]
HEADINGS = ["Client ID", "Name", "Sex", "Ethnic group", "Date joined", "Notes to self"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "import"
    path.mkdir()
    return path


@pytest.fixture
def write_csv(folder: Path) -> WriteCsv:
    """write_csv("people", "ref,known_as", "P-1,Amara") writes people.csv (UTF-8)."""

    def write(name: str, *lines: str, encoding: str = "utf-8") -> Path:
        path = folder / f"{name}.csv"
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
        return path

    return write


@pytest.fixture
def their_workbook(tmp_path: Path) -> Path:
    """A spreadsheet that is not the template: a title, a blank row, then its own headings."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Members 2024"
    sheet.append(["Riverside members list"])
    sheet.append([])
    sheet.append(HEADINGS)
    sheet.append(["C101", "Amara", "F", "Pakistani", date(2024, 1, 9), "x"])
    sheet.append(["C102", "Ben", "M", "Any other White background", "09/02/2024", ""])
    book.create_sheet("Totals")
    path = tmp_path / "members.xlsx"
    book.save(path)
    return path


@pytest.fixture
def damaged_workbook(tmp_path: Path) -> Path:
    """A workbook that opens but whose sheet is cut off half way (openpyxl only finds out when
    it reads that far)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Members"
    sheet.append(["Client ID", "Sex"])
    for number in range(200):
        sheet.append([f"C{number}", "F" if number % 2 else "M"])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            copy.writestr(item, data)
    return damaged
