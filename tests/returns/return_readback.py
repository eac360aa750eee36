"""Reading a written return back, format by format, the way a funder's computer would."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All the text of a PDF, whitespace collapsed to single spaces."""
    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(text.split())


def xlsx_cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each sheet's rows of cell values."""
    book = load_workbook(path)
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book
    }


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def json_document(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def all_text(path: Path) -> str:
    """Everything a reader of the file could see, as one string (for leak tests)."""
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".xlsx":
        return (
            "\n".join(
                " ".join("" if v is None else str(v) for v in row)
                for rows in xlsx_cells(path).values()
                for row in rows
            )
            + "\n"
            + "\n".join(xlsx_cells(path))
        )
    return path.read_text(encoding="utf-8-sig")
