"""A small read-only table of a record's entries (a person's forms, a volunteer's hours): whole
rows, one chosen at a time, Enter or a double click opens the chosen one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget


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
