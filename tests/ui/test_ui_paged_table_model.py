"""The paged model loads one page at a time, sorts through its fetch function, and passes
Qt's model tester."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop_app.ui.common.paged_table_model import ROW_ROLE, Column, PagedTableModel, Sort


@dataclass(frozen=True)
class Row:
    number: int
    name: str


ROWS = [Row(n, f"row {n:04d}") for n in range(1000)]


class Source:
    """A list standing in for a service's paged query, counting the pages asked for."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.calls: list[tuple[int, int, Sort | None]] = []

    def __call__(self, offset: int, limit: int, sort: Sort | None) -> tuple[Sequence[Row], int]:
        self.calls.append((offset, limit, sort))
        rows = sorted(self.rows, key=lambda r: r.number, reverse=bool(sort and sort.descending))
        return rows[offset : offset + limit], len(rows)


COLUMNS = [
    Column[Row]("Number", lambda r: str(r.number), sort_key="number"),
    Column[Row]("Name", lambda r: r.name),
]


def test_pages_are_fetched_as_needed() -> None:
    source = Source(ROWS)
    model = PagedTableModel(COLUMNS, source)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reload()
    assert model.rowCount() == PagedTableModel.PAGE_SIZE
    assert model.total == 1000
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PagedTableModel.PAGE_SIZE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    assert [call[0] for call in source.calls] == [0, 200, 400, 600, 800]
    assert model.data(model.index(999, 1)) == "row 0999"
    assert model.data(model.index(5, 0), ROW_ROLE) == ROWS[5]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"


def test_sorting_asks_the_source_and_starts_again() -> None:
    source = Source(ROWS)
    model = PagedTableModel(COLUMNS, source)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reload()
    model.fetchMore(QModelIndex())
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert source.calls[-1] == (0, PagedTableModel.PAGE_SIZE, Sort("number", True))
    assert model.rowCount() == PagedTableModel.PAGE_SIZE
    assert model.data(model.index(0, 0)) == "999"
    model.sort(1, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.data(model.index(0, 0)) == "999"
    assert model.sort_column() == 0


def test_clear_forgets_every_row() -> None:
    model = PagedTableModel(COLUMNS, Source(ROWS))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reload()
    model.clear()
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_a_view_scrolling_to_the_end_loads_more(qtbot: QtBot) -> None:
    model = PagedTableModel(COLUMNS, Source(ROWS))
    model.reload()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PagedTableModel.PAGE_SIZE)
