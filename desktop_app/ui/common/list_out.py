"""Lists out: print, or save as a PDF or a CSV file, the list a screen shows, as it shows it
(its filters and its order), every row of it, not just those loaded on screen.

A screen that offers its list has `list_source()`, giving what to write: its name, its filters
in plain words, its columns and a `fetch(offset, limit)` that reads rows with the filters as
they were when asked (it runs on a worker, so it holds no widget). The rows are read and written
on a worker with a progress bar and Cancel: a list of 10,000 people never freezes the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton, QWidget

from desktop_app.domain.listing import Page, Paged
from desktop_app.services.lists.list_pdf import WIDE
from desktop_app.services.lists.saving import ListFormat, audit_list_out, save_list
from desktop_app.services.lists.shown_list import ShownList, shown_list
from desktop_app.store.database import Database
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.list_printing import print_shown
from desktop_app.ui.common.paged_table_model import Column, Sort
from desktop_app.ui.common.progress_dialog import run_with_progress
from desktop_app.ui.common.worker import Report

BATCH = 1000  # rows read at a time
Fetch = Callable[[int, int], tuple[Sequence[Any], int]]  # (offset, limit) -> (rows, total)
FORMATS: dict[ListFormat, tuple[str, str]] = {
    "pdf": ("PDF", "PDF files (*.pdf)"),
    "csv": ("CSV file", "CSV files, for spreadsheets (*.csv)"),
}
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def page_reader(list_page: Callable[[Page], Paged[Any]]) -> Fetch:
    """A `Fetch` over a service's paged list, `list_page(Page)`, whose filter is already fixed
    (`partial(people.list_people, db, the_filter)`)."""

    def read(offset: int, limit: int) -> tuple[Sequence[Any], int]:
        page = list_page(Page(limit, offset))
        return page.rows, page.total

    return read


@dataclass(frozen=True)
class ListSource:
    name: str  # "People"
    filters: tuple[str, ...]  # in plain words: "archived hidden", "search 'smith'"
    columns: tuple[Column[Any], ...]
    fetch: Fetch
    personal: bool = True  # names, references or contact details


@runtime_checkable
class OffersList(Protocol):
    """A screen whose list can be printed or saved."""

    def list_source(self) -> ListSource: ...


def sort_words(columns: Sequence[Column[Any]], sort: Sort | None) -> list[str]:
    """ "sorted by Name", "sorted by Date (reverse order)" — or nothing when unsorted."""
    if sort is None:
        return []
    for column in columns:
        if column.sort_key == sort.key:
            return [f"sorted by {column.title}{' (reverse order)' if sort.descending else ''}"]
    return []


def read_all(db: Database, source: ListSource, report: Report) -> ShownList:
    """Every row of the list as text, as the screen shows it (on a worker)."""
    rows: list[list[str]] = []
    while True:
        page, total = source.fetch(len(rows), BATCH)
        rows += [[column.text(row) for column in source.columns] for row in page]
        report(len(rows), max(total, len(rows)), f"Reading the list: {len(rows):,} of {total:,}")
        if not page or len(rows) >= total:
            break
    right = Qt.AlignmentFlag.AlignRight
    return shown_list(
        db,
        source.name,
        source.filters,
        [column.title for column in source.columns],
        rows,
        personal=source.personal,
        widths=[column.width for column in source.columns],
        right_aligned=[n for n, c in enumerate(source.columns) if c.align & right],
    )


def suggested_name(source: ListSource, format: ListFormat) -> str:
    """ "PERSONAL DATA - People 2026-12-03.csv" """
    name = " ".join(_NOT_IN_NAMES.sub(" ", source.name).split())
    stem = f"{'PERSONAL DATA - ' if source.personal else ''}{name} {date.today().isoformat()}"
    return f"{stem}.{format}"


def save_list_as(parent: QWidget, db: Database, source: ListSource, format: ListFormat) -> None:
    """Ask where, then read every row and write the file on a worker."""
    what, file_filter = FORMATS[format]
    path = file_dialogs.choose_save_file(
        parent,
        f"Save the list as a {what}",
        Path.home() / suggested_name(source, format),
        file_filter,
    )
    if path is None:
        return
    if path.suffix.casefold() != f".{format}":
        path = path.with_name(f"{path.name}.{format}")

    def work(report: Report) -> Path:
        shown = read_all(db, source, report)
        report(0, 0, f"Writing the {what}…")

        def page_done(number: int) -> None:
            report(number, 0, f"Writing the {what}: page {number:,}")

        return save_list(db, shown, path, format, page_done)

    def done(saved: Path) -> None:
        keep = " It contains personal data: keep it safe." if source.personal else ""
        _tell(parent, f"The list was saved as {saved.name} in {saved.parent}.{keep}")

    run_with_progress(parent, f"Saving the list as a {what}", work, done)


def print_list(parent: QWidget, db: Database, source: ListSource) -> None:
    """Ask which printer, then read every row and print them on a worker."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(source.name)
    if sum(column.width for column in source.columns) > WIDE:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if not file_dialogs.choose_printer(parent, printer):
        return

    def work(report: Report) -> ShownList:
        shown = read_all(db, source, report)
        report(0, 0, "Printing…")
        print_shown(printer, shown)
        audit_list_out(db, shown, "printed")
        return shown

    def done(shown: ShownList) -> None:
        _tell(parent, f"The list was sent to the printer ({shown.rows_text()}).")

    run_with_progress(parent, "Printing the list", work, done)


def _tell(parent: QWidget, text: str) -> None:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)
    else:
        messages.inform(parent, "Done", text)


Output = Literal["print", "pdf", "csv"]


def list_out(screen: QWidget, db: Database, source: ListSource, output: Output) -> None:
    """Print or save `source` (from the File menu or the screen's button)."""
    if output == "print":
        print_list(screen, db, source)
    else:
        save_list_as(screen, db, source, output)


def _chosen(
    screen: QWidget, db: Database, source: Callable[[], ListSource], output: Output
) -> None:
    list_out(screen, db, source(), output)


def list_out_button(screen: QWidget, db: Database, source: Callable[[], ListSource]) -> QPushButton:
    """ "Print or save…": a button (Alt+E) whose menu prints the list or saves it."""
    button = QPushButton("Print or sav&e…")
    button.setToolTip("Print this list, or save it as a PDF or CSV file, as it is shown")
    menu = QMenu(button)
    choices: list[tuple[str, Output]] = [
        ("&Print… (Ctrl+P)", "print"),
        ("Save as P&DF…", "pdf"),
        ("Save as &CSV…", "csv"),
    ]
    for text, output in choices:
        menu.addAction(text, partial(_chosen, screen, db, source, output))
    button.setMenu(menu)
    return button
