"""The table every list screen uses: whole rows, sorted by the service, Enter opens a row; and
`EntryTable`, a small read-only table of one record's entries (a person's forms, a volunteer's
hours), where Enter or a double click opens the chosen entry.

Other keys, Delete among them, go on to the screen: a list deletes nothing itself (a record
is deleted from its own form, which asks first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.ui.common.paged_table_model import ROW_ROLE, PagedTableModel


class RecordTable(QTableView):
    open_requested = Signal(object)  # the row's dataclass

    def __init__(
        self, model: PagedTableModel[Any], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in any form
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        header = self.horizontalHeader()
        header.setAccessibleName(f"{accessible_name} columns: choose one to sort by it")
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        chars = self.fontMetrics().horizontalAdvance("0")  # digits: wider than the average
        for number, shown in enumerate(model.columns):
            header.resizeSection(number, shown.width * chars + chars * 2)
        column = model.sort_column()
        if model.sort_order is not None and column >= 0:
            order = Qt.SortOrder.DescendingOrder
            if not model.sort_order.descending:
                order = Qt.SortOrder.AscendingOrder
            header.setSortIndicator(column, order)
        header.sortIndicatorChanged.connect(self._sort)
        self.doubleClicked.connect(self._open_index)
        self.installEventFilter(self)

    def paged_model(self) -> PagedTableModel[Any]:
        model = self.model()
        assert isinstance(model, PagedTableModel)
        return model

    @Slot(int, Qt.SortOrder)
    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        model = self.paged_model()
        if model.columns[column].sort_key is None:
            # Only some columns can be sorted over the whole list: put the arrow back.
            header = self.horizontalHeader()
            header.blockSignals(True)
            previous = model.sort_column()
            descending = model.sort_order is not None and model.sort_order.descending
            header.setSortIndicator(
                previous,
                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        model.sort(column, order)

    def current_row(self) -> Any | None:
        index = self.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ROW_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            row = self.current_row()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
                self.open_requested.emit(row)
                return True
        return super().eventFilter(watched, event)


class EntryTable(QTableWidget):
    open_requested = Signal(int)  # the row

    def __init__(
        self, columns: Sequence[str], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels(list(columns))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves on to the buttons
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(self.fontMetrics().height())
        rows.setDefaultSectionSize(
            self.fontMetrics().lineSpacing() + self.fontMetrics().height() // 2
        )
        self.activated.connect(lambda index: self.open_requested.emit(index.row()))

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show `rows` (the text of each cell), the first one chosen."""
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        for column in range(self.columnCount() - 1):  # the last one keeps the spare width
            self.resizeColumnToContents(column)
        if rows:
            self.selectRow(0)

    def chosen_row(self) -> int | None:
        row = self.currentRow()
        return row if 0 <= row < self.rowCount() else None
