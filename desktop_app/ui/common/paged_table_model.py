"""A table model that loads rows a page at a time, so that 100,000 sessions scroll smoothly.

The model asks its `fetch` function for one page (offset, limit, sort) and asks for the next
page only when the view scrolls near the end (`canFetchMore`/`fetchMore`). Sorting is done by
the service, on the whole list, not by the view on the rows loaded so far.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

RowT = TypeVar("RowT")

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's dataclass
ModelIndex = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[RowT]):
    title: str
    text: Callable[[RowT], str]
    sort_key: str | None = None  # the service's name for sorting by this column; None: cannot
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[RowT], str] | None = None
    width: int = 12  # in average characters of the current font
    header_tooltip: str = ""  # what the column counts, when its title cannot say it all
    strong: Callable[[RowT], bool] | None = None  # True: the cell is shown in bold


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool


# (offset, limit, sort) -> (rows, total rows matching)
Fetch = Callable[[int, int, Sort | None], tuple[Sequence[RowT], int]]


class PagedTableModel(QAbstractTableModel, Generic[RowT]):
    PAGE_SIZE = 200

    sort_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column[RowT]],
        fetch: Fetch[RowT],
        sort: Sort | None = None,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self._fetch = fetch
        self.sort_order = sort
        self._rows: list[RowT] = []
        self.total = 0

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Start again from the first page (new filter, new sort, or changed records)."""
        rows, total = self._fetch(0, self.PAGE_SIZE, self.sort_order)
        self.beginResetModel()
        self._rows = list(rows)
        self.total = total
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (when the database is locked)."""
        self.beginResetModel()
        self._rows = []
        self.total = 0
        self.endResetModel()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        rows, total = self._fetch(len(self._rows), self.PAGE_SIZE, self.sort_order)
        if not rows:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.total = max(total, len(self._rows))

    # Reading -------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    @property
    def rows(self) -> list[RowT]:
        return list(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.FontRole and column.strong is not None and column.strong(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align.value)
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tooltip:
            return self.columns[section].header_tooltip
        return None

    # Sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        self.sort_order = Sort(key, order == Qt.SortOrder.DescendingOrder)
        self.reload()
        self.sort_changed.emit()

    def sort_column(self) -> int:
        """The column the current sort is on, or -1."""
        if self.sort_order is None:
            return -1
        for number, column in enumerate(self.columns):
            if column.sort_key == self.sort_order.key:
                return number
        return -1
