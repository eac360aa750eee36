"""The shape shared by Sessions, People and Volunteers: a title with its buttons, a row of
filters, the table, and how many records match."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.store.database import Database
from desktop_app.ui.common.list_out import Fetch, ListSource, list_out_button, sort_words
from desktop_app.ui.common.paged_table_model import PagedTableModel, Sort
from desktop_app.ui.common.record_table import RecordTable
from desktop_app.ui.common.screen_fit import WrappingRow
from desktop_app.ui.common.text_styles import heading

TYPING_PAUSE_MS = 250


def counted(singular: str, plural: str, none: str) -> Callable[[int], str]:
    """ "1 session", "614 sessions", or `none` (what to do about it) when there are none."""
    return lambda n: none if n == 0 else f"{n:,} {singular if n == 1 else plural}"


class ListScreen(QWidget):
    def __init__(
        self,
        title: str,
        model: PagedTableModel[Any],
        count_text: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.model = model
        self._count_text = count_text
        self.table = RecordTable(model, title)
        self.count = QLabel()
        self.count.setAccessibleName(f"Number of {title.lower()} found")
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        self.top = QHBoxLayout()
        self.top.addWidget(heading(title))
        self.top.addStretch(1)
        self.filters = WrappingRow()  # on two lines when the window is narrow
        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.setFocusProxy(self.table)
        self._search: QLineEdit | None = None
        self.table.up_from_top.connect(self._back_to_search)

    def add_button(self, text: str, tooltip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(lambda _checked=False: slot())
        self.top.addWidget(button)
        return button

    def offer_list_out(self, db: Database) -> None:
        """The "Print or save…" button: the list as shown, every row of it."""
        self.top.addWidget(list_out_button(self, db, self.list_source))

    def list_source(self) -> ListSource:
        """The list as shown now: its filters in words, its columns and its rows."""
        return ListSource(
            self.title,
            (*self.filter_words(), *sort_words(self.model.columns, self.model.sort_order)),
            tuple(self.model.columns),
            self.page_reader(),
            personal=True,  # every list names people, volunteers or facilitators
        )

    def filter_words(self) -> list[str]:
        """The filters in use, in plain words ("current people", "search 'smith'")."""
        return self.search_words()

    def search_words(self) -> list[str]:
        text = self._search.text().strip() if self._search is not None else ""
        return [f"search '{text}'"] if text else []

    def page_reader(self) -> Fetch:
        """Reads rows as the filters are now (it holds no widget: it may run on a worker)."""
        raise NotImplementedError

    def _fetch(self, offset: int, limit: int, _sort: Sort | None) -> tuple[Sequence[Any], int]:
        """For the model: a page of rows as the filters are now."""
        return self.page_reader()(offset, limit)

    def add_filter(self, label_text: str, widget: QWidget) -> None:
        """A filter and its label, kept together on one line."""
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        if label_text:
            label = QLabel(label_text)
            label.setBuddy(widget)
            row.addWidget(label)
        row.addWidget(widget, 1)
        self.filters.addWidget(pair)

    def search_box(self, accessible_name: str, placeholder: str) -> QLineEdit:
        """A search box that filters once the user pauses typing."""
        box = QLineEdit()
        box.setAccessibleName(accessible_name)
        box.setPlaceholderText(placeholder)
        box.setClearButtonEnabled(True)
        box.setMinimumWidth(box.fontMetrics().averageCharWidth() * 36)  # never shrunk to "…"
        box.textChanged.connect(self._typing.start)
        box.installEventFilter(self)  # Down moves into the results
        self._search = box
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _back_to_search(self) -> None:
        if self._search is not None and self._search.isVisible():
            self._search.setFocus(Qt.FocusReason.BacktabFocusReason)

    def sort_choice(self, accessible_name: str, tooltip: str) -> QComboBox:
        """The columns the list can be sorted by, for the keyboard (headers take a mouse).
        Choosing one sorts by it in its first order, as a first click on its header does; a
        click on a header shows here too."""
        box = QComboBox()
        box.setAccessibleName(accessible_name)
        box.setToolTip(tooltip)
        for number, column in enumerate(self.model.columns):
            if column.sort_key is not None:
                box.addItem(column.title, number)

        def sort_by(index: int) -> None:
            header = self.table.horizontalHeader()
            header.setSortIndicator(box.itemData(index), Qt.SortOrder.AscendingOrder)

        def show_sort() -> None:
            box.setCurrentIndex(box.findData(self.model.sort_column()))

        box.activated.connect(sort_by)
        self.model.sort_changed.connect(show_sort)
        show_sort()
        return box

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        self.count.setText(self._count_text(self.model.total))

    def records_changed(self) -> None:
        self.refresh()
