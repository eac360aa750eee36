"""Export all records: the whole database written to the PeerLog template (a workbook, or a
folder of CSV files), to move to another system or keep as an offline archive.

The file is personal data: its name says so ("PERSONAL DATA - ..."), whatever name was asked
for, and only its owner may read it. It is written under a temporary name and renamed when
complete, so a failed or cancelled export leaves no half file behind. Importing the export back
gives the same records.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook

from desktop_app.domain.audit import Action
from desktop_app.domain.importing.template import Column, Sheet
from desktop_app.domain.roles import Permission
from desktop_app.domain.spreadsheet_text import csv_cell
from desktop_app.domain.volunteers import hours_written
from desktop_app.services.access import exporting
from desktop_app.services.importing.template_files import (
    IMPORTED_SHEETS,
    new_sheet,
    write_read_me,
)
from desktop_app.services.importing.template_import import ImportCancelled, ImportProgress, Progress
from desktop_app.services.spreadsheet_cells import discard_unsaved, sheet_row
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.store.files import plain_write_errors
from desktop_app.store.importing.export_queries import row_count, sheet_rows
from desktop_app.store.private_files import make_private_folder, open_private
from desktop_app.store.scratch import noted_partial

log = logging.getLogger(__name__)

PERSONAL_DATA = "PERSONAL DATA"
EXCEL_MAX_ROWS = 1_048_576  # rows in one Excel sheet, the heading row included
ExportFormat = Literal["xlsx", "csv"]
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def export_file_name(organisation: str, today: date, format: ExportFormat) -> str:
    """ "PERSONAL DATA - Riverside Peer Support - all records 2025-05-14.xlsx" (a folder name,
    without suffix, for CSV files)."""
    name = " ".join(_NOT_IN_NAMES.sub(" ", organisation).split()) or "PeerLog"
    stem = f"{PERSONAL_DATA} - {name} - all records {today.isoformat()}"
    return f"{stem}.xlsx" if format == "xlsx" else stem


def export_target(db: Database, out: Path, today: date, format: ExportFormat = "xlsx") -> Path:
    """Where an export asked for at `out` goes: into `out` under the standard name when it is a
    folder; else `out`, its name starting "PERSONAL DATA - " when it does not say so already."""
    if out.is_dir():
        organisation = db.setting("organisation_name") or ""
        return out / export_file_name(organisation, today, format)
    if PERSONAL_DATA.casefold() not in out.name.casefold():
        return out.with_name(f"{PERSONAL_DATA} - {out.name}")
    return out


def export_all(
    db: Database,
    out: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    format: ExportFormat = "xlsx",
) -> Path:
    """Write every record to `out` (see `export_target`; `format` is used when `out` is a
    folder): a workbook when the name ends in .xlsx, otherwise a folder of CSV files. Returns
    the path written."""
    target = export_target(db, out, date.today(), format)
    partial = target.with_name(f".{target.name}.partial")
    with (
        exporting(db, Permission.EXPORT_ALL, Action.EXPORT, "all records"),
        noted_partial(partial),
    ):
        _remove_if_there(partial)  # left by an export that was killed
        _export(db, target, partial, _Steps(progress, cancelled))
    log.info("Exported all records (%s)", "workbook" if target.suffix else "CSV folder")
    return target


def _export(db: Database, target: Path, partial: Path, steps: _Steps) -> None:
    conn = db.connection()
    conn.execute("BEGIN")  # one consistent view of every table
    try:
        with plain_write_errors(target), _removed_on_failure(partial):
            if target.suffix.casefold() == ".xlsx":
                _write_workbook(conn, partial, steps)
            else:
                _write_csv_folder(conn, partial, steps)
            if target.exists():
                _remove(target)
            partial.rename(target)
    finally:
        conn.execute("ROLLBACK")


class TooBigForExcel(StoreError):
    pass


class _Steps:
    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self._totals: dict[str, int] = {}

    def total(self, conn: Connection, sheet: Sheet) -> int:
        """The sheet's rows, counted once (a count reads the whole table)."""
        if sheet.name not in self._totals:
            self._totals[sheet.name] = row_count(conn, sheet.name)
        return self._totals[sheet.name]

    def rows(self, conn: Connection, sheet: Sheet) -> Iterator[list[Any]]:
        total = self.total(conn, sheet)
        for done, stored in enumerate(sheet_rows(conn, sheet.name)):
            if done % 1000 == 0:
                if self.cancelled is not None and self.cancelled():
                    raise ImportCancelled("The export was cancelled. No file was written.")
                if self.progress is not None:
                    self.progress(ImportProgress(f"Writing {sheet.name}", done, total))
            yield [
                _cell(column, value) for column, value in zip(sheet.columns, stored, strict=True)
            ]


def _cell(column: Column, stored: Any) -> Any:
    if stored is None:
        return ""
    if column.kind == "date":
        return date.fromisoformat(stored)
    if column.kind == "yes_no":
        return "yes" if stored else "no"
    if column.is_list:
        return "; ".join(line for line in str(stored).split("\n") if line)
    if column.kind == "refs":
        return "; ".join(str(stored).split(";"))
    if column.kind == "hours":
        return hours_written(int(stored))  # stored as whole minutes
    if column.kind == "scores":
        return ";".join("" if v is None else str(v) for v in json.loads(stored))
    return stored


def _write_workbook(conn: Connection, path: Path, steps: _Steps) -> None:
    for sheet in IMPORTED_SHEETS:
        rows = steps.total(conn, sheet)
        if rows >= EXCEL_MAX_ROWS:
            raise TooBigForExcel(
                f"There are {rows:,} rows of {sheet.name}: more than one Excel sheet can hold. "
                "Export to a folder of CSV files instead."
            )
    book = Workbook(write_only=True)
    try:
        write_read_me(book)
        for sheet in IMPORTED_SHEETS:
            page = new_sheet(book, sheet)
            for row in steps.rows(conn, sheet):
                page.append(sheet_row(page, row))
        with open_private(path) as f:
            book.save(f)
    except BaseException:
        discard_unsaved(book)
        raise


def _write_csv_folder(conn: Connection, folder: Path, steps: _Steps) -> None:
    make_private_folder(folder)
    for sheet in IMPORTED_SHEETS:
        # UTF-8 with a byte order mark: Excel then opens names with accents correctly
        with open_private(folder / sheet.file_name, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow([column.name for column in sheet.columns])
            for row in steps.rows(conn, sheet):
                writer.writerow([csv_cell(value) for value in row])


@contextlib.contextmanager
def _removed_on_failure(path: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        _remove_if_there(path)
        raise


def _remove_if_there(path: Path) -> None:
    if path.exists() or path.is_symlink():
        _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
