"""The mapping step for a spreadsheet that is not the PeerLog template: pick the sheet and the
row of headings, match their columns to PeerLog's fields (guessed from the headings), match
their values to codes ("F" → Woman), preview the first rows as they will be stored, and save the
mapping to reuse next quarter.

`MappingDialog(db, path, parent)`; after `exec()` is accepted, `mapping()` is the Mapping to
import with (`preview_import(..., mapping=...)`).

Their file is read on the task pool (opening a large workbook takes over a second), never on
the GUI thread: the dialog says it is reading, and only Cancel works until the answer is in.
The first rows of each sheet and the values of each column are kept once read, so changing the
row of headings back and forth reads nothing again. `reading` is True while a read is under
way; `reads_finished` is emitted once every read asked for has been answered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.importing.cells import Cell, cell_text
from desktop_app.domain.importing.mapping import Mapping, guess_columns
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import ParsedRow, found_text
from desktop_app.domain.importing.template import IMPORTED_SHEET_NAMES, Sheet, sheet_named
from desktop_app.services.importing.mapping import (
    FirstLook,
    distinct_values,
    first_look,
    first_rows,
    preview_rows,
    save_mapping,
    saved_mappings,
)
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.busy_bar import BusyBar
from desktop_app.ui.common.latest_reads import LatestReads
from desktop_app.ui.common.screen_fit import FittedDialog, resize_within_screen, scrolling
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.importing.value_meanings import ValueMeanings

log = logging.getLogger(__name__)

NOT_THERE = "(not in this sheet)"

Rows = list[list[Cell]]
ValuesKey = tuple[str, int, str]  # their sheet, the row of headings, the heading


def _label_for(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class MappingDialog(FittedDialog):
    reads_finished = Signal()

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = path
        self.headings: list[Cell] = []
        self.value_choices: dict[str, dict[str, str]] = {}  # column -> their value -> code
        self.rows_by_sheet: dict[str, Rows] = {}  # the first rows of each sheet read so far
        self.values_found: dict[ValuesKey, list[str]] = {}
        self.reads = LatestReads(self)
        self._focus_after_reading: QWidget = self
        self.reads.busy_changed.connect(self._show_reading)
        self.setWindowTitle(f"Match the columns of {path.name}")
        resize_within_screen(self, 900, 700)
        self.reading_label = QLabel()
        self.busy_bar = BusyBar(f"Reading {path.name}, please wait")
        self.problem = FieldError("the spreadsheet")
        self.sheet_box = QComboBox()
        self.header_row_box = QSpinBox()
        self.header_row_box.setRange(1, 50)
        self.records_box = QComboBox()
        self.records_box.addItems(list(IMPORTED_SHEET_NAMES))
        self.saved_box = QComboBox()
        self.saved_box.addItems(["", *saved_mappings(db)])
        self.saved_box.currentTextChanged.connect(self._use_saved)
        self.first_rows_table = _table()
        self.columns_table = _table()
        self.value_column_box = QComboBox()
        self.value_column_box.currentTextChanged.connect(self._show_values)
        self.values_table = ValueMeanings()
        self.preview_table = _table()
        self.preview_problems = QLabel()
        self.preview_problems.setWordWrap(True)
        self.preview_button = QPushButton("&Preview")
        self.preview_button.clicked.connect(self.show_preview)
        self.save_name = QLineEdit()
        self.save_name.setPlaceholderText("A name, like Members list")
        self.save_button = QPushButton("&Save this mapping")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox()
        self.use_button = buttons.addButton(
            "&Use this mapping", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._needing_rows: list[QWidget] = [  # off while reading, or with no rows to map
            self.header_row_box,
            self.records_box,
            self.columns_table,
            self.value_column_box,
            self.values_table,
            self.preview_button,
            self.save_button,
            self.use_button,
        ]
        form = QFormLayout()
        form.addRow("Sa&ved mapping:", self.saved_box)  # each with an Alt key
        form.addRow("S&heet:", self.sheet_box)
        form.addRow("Row of hea&dings:", self.header_row_box)
        form.addRow("The &rows are:", self.records_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_name)
        save_row.addWidget(self.save_button)
        body = QWidget()  # scrolls on a small screen; the buttons below stay in view
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_label_for("The &first rows of the sheet:", self.first_rows_table))
        layout.addWidget(self.first_rows_table)
        layout.addWidget(
            _label_for("Which of its &columns holds each of PeerLog's fields:", self.columns_table)
        )
        layout.addWidget(self.columns_table)
        layout.addWidget(_label_for("What its values &mean:", self.value_column_box))
        layout.addWidget(self.value_column_box)
        layout.addWidget(self.values_table)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.preview_table)
        layout.addWidget(self.preview_problems)
        layout.addLayout(save_row)
        tall_enough = self.fontMetrics().lineSpacing() * 8
        for table in (
            self.first_rows_table,
            self.columns_table,
            self.values_table,
            self.preview_table,
        ):
            table.setMinimumHeight(tall_enough)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        bottom = QHBoxLayout()  # the reading shows here, so nothing above moves when it ends
        bottom.addWidget(self.reading_label)
        bottom.addWidget(self.busy_bar, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.sheet_box.currentTextChanged.connect(lambda: self._reload())
        self.header_row_box.valueChanged.connect(lambda: self._reload())
        self.records_box.currentTextChanged.connect(lambda: self._reload())
        self._show_rows([])
        path = self.path
        self._read(
            "rows", f"Reading {path.name}…", lambda: first_look(path), self._first_look_arrived
        )

    # Reading their sheet ------------------------------------------------------------------

    @property
    def sheet(self) -> Sheet:
        found = sheet_named(self.records_box.currentText())
        assert found is not None
        return found

    @property
    def reading(self) -> bool:
        return self.reads.busy

    def _read(
        self,
        kind: str,
        saying: str,
        read: Callable[[], Any],
        on_done: Callable[[Any], None],
        what: object = None,
    ) -> None:
        """Read on the task pool (`read` is given plain values, never widgets)."""
        self.problem.show_problem(None)
        self.reading_label.setText(saying)
        self.reads.start(kind, read, on_done, self._read_failed, what)

    def _show_reading(self, busy: bool) -> None:
        if busy:  # the focus moves on from a control turned off; it comes back after
            self._focus_after_reading = self.focusWidget() or self.sheet_box
        self.reading_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        have_sheets = self.sheet_box.count() > 0
        have_rows = self.sheet_box.currentText() in self.rows_by_sheet
        self.saved_box.setEnabled(not busy and have_sheets)
        self.sheet_box.setEnabled(not busy and have_sheets)
        for widget in self._needing_rows:
            widget.setEnabled(not busy and have_rows)
        if not busy:
            focus = self._focus_after_reading  # (a combo in a table may have been replaced)
            if shiboken6.isValid(focus) and focus.isEnabled():
                focus.setFocus()
            self.reads_finished.emit()

    def _read_failed(self, error: StoreError) -> None:
        log.info("Could not read a spreadsheet to map: %s", type(error).__name__)
        self.problem.show_problem(str(error))

    def _first_look_arrived(self, look: FirstLook) -> None:
        if look.sheets:
            self.rows_by_sheet[look.sheets[0]] = look.rows
        self.sheet_box.blockSignals(True)
        self.sheet_box.addItems(look.sheets)
        self.sheet_box.blockSignals(False)
        self._reload()

    def _reload(self, columns: dict[str, str] | None = None) -> None:
        """Show the sheet's first rows and its columns (`columns`, or guessed from the
        headings), reading the rows first if they are not in hand."""
        self.problem.show_problem(None)
        source_sheet = self.sheet_box.currentText()
        rows = self.rows_by_sheet.get(source_sheet)
        if rows is not None:
            self._show_rows(rows, columns)
            return
        self._show_rows([])  # nothing of the sheet shown before shows while it is read
        path = self.path
        self._read(
            "rows",
            f"Reading the first rows of {source_sheet}…",
            lambda: first_rows(path, source_sheet),
            lambda rows: self._rows_arrived(source_sheet, rows, columns),
            source_sheet,
        )

    def _rows_arrived(self, source_sheet: str, rows: Rows, columns: dict[str, str] | None) -> None:
        self.rows_by_sheet[source_sheet] = rows
        if source_sheet == self.sheet_box.currentText():
            self._show_rows(rows, columns)

    def _show_rows(self, rows: Rows, columns: dict[str, str] | None = None) -> None:
        _fill(self.first_rows_table, [], [[cell_text(c) for c in row] for row in rows])
        row = self.header_row_box.value()
        self.headings = [c for c in rows[row - 1] if cell_text(c)] if row <= len(rows) else []
        self._show_columns(guess_columns(self.sheet, self.headings) if columns is None else columns)

    def _show_columns(self, chosen: dict[str, str]) -> None:
        table = self.columns_table
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["PeerLog field", "Their column"])
        table.setRowCount(len(self.sheet.columns))
        options = [NOT_THERE, *(cell_text(h) for h in self.headings)]
        for index, column in enumerate(self.sheet.columns):
            label = f"{column.name} (required)" if column.required else column.name
            table.setItem(index, 0, QTableWidgetItem(label))
            box = QComboBox()
            box.addItems(options)
            box.setCurrentText(chosen.get(column.name, NOT_THERE))
            box.currentTextChanged.connect(self._columns_changed)
            table.setCellWidget(index, 1, box)
        self._columns_changed()

    def _columns_changed(self) -> None:
        coded = [c.name for c in self.sheet.columns if c.vocabulary is not None]
        current = self.value_column_box.currentText()
        self.value_column_box.blockSignals(True)
        self.value_column_box.clear()
        self.value_column_box.addItems([c for c in coded if c in self.mapping().columns])
        self.value_column_box.blockSignals(False)
        self.value_column_box.setCurrentText(current)
        self._show_values(self.value_column_box.currentText())

    def _show_values(self, column_name: str) -> None:
        mapping = self.mapping()
        key = (mapping.source_sheet, mapping.header_row, mapping.columns.get(column_name, ""))
        found = self.values_found.get(key) if column_name else []
        if found is None:
            self.values_table.setRowCount(0)
            path = self.path
            self._read(
                "values",
                f"Reading the values in {key[2]}…",
                lambda: distinct_values(path, mapping, column_name),
                lambda values: self._values_arrived(key, column_name, values),
                key,
            )
            return
        self._fill_values(column_name, found)

    def _values_arrived(self, key: ValuesKey, column_name: str, values: list[str]) -> None:
        self.values_found[key] = values
        if self.value_column_box.currentText() == column_name:
            self._show_values(column_name)

    def _fill_values(self, column_name: str, found: list[str]) -> None:
        column = self.sheet.column(column_name) if column_name else None
        chosen = self.value_choices.get(column_name, {})
        self.values_table.show_values(
            column, found, chosen, lambda value, code: self._value_chosen(column_name, value, code)
        )

    def _value_chosen(self, column: str, value: str, code: str | None) -> None:
        choices = self.value_choices.setdefault(column, {})
        if code is None:
            choices.pop(value.casefold(), None)
        else:
            choices[value.casefold()] = code

    # The mapping --------------------------------------------------------------------------

    def mapping(self) -> Mapping:
        columns = {}
        for index, column in enumerate(self.sheet.columns):
            box = self.columns_table.cellWidget(index, 1)
            if isinstance(box, QComboBox) and box.currentText() != NOT_THERE:
                columns[column.name] = box.currentText()
        values = {c: dict(v) for c, v in self.value_choices.items() if c in columns and v}
        return Mapping(
            self.sheet.name,
            self.header_row_box.value(),
            self.sheet_box.currentText() if self.path.suffix.casefold() == ".xlsx" else "",
            columns,
            values,
        )

    def column_box(self, column: str) -> QComboBox:
        index = [c.name for c in self.sheet.columns].index(column)
        box = self.columns_table.cellWidget(index, 1)
        assert isinstance(box, QComboBox)
        return box

    def value_box(self, value: str) -> QComboBox:
        return self.values_table.box(value)

    def show_preview(self) -> None:
        """Read the first rows as they will be stored. Read afresh each time: the user may
        have corrected their file since."""
        mapping, path = self.mapping(), self.path
        self._read(
            "preview",
            "Reading the first rows as they will be stored…",
            lambda: preview_rows(path, mapping),
            lambda found: self._preview_arrived(mapping, found),
            mapping.to_json(),
        )

    def _preview_arrived(
        self, mapping: Mapping, found: list[tuple[ParsedRow | None, list[ImportProblem]]]
    ) -> None:
        if mapping != self.mapping():
            return  # changed while it was read: a preview of the old mapping would mislead
        shown = [c.name for c in mapping.mapped_columns()]
        rows, problems = [], []
        for parsed, row_problems in found:
            problems += row_problems
            if parsed is not None:
                rows.append([found_text(parsed.values.get(name)) for name in shown])
        _fill(self.preview_table, shown, rows)
        self.preview_problems.setText(
            "\n".join(p.describe() for p in problems) or "These rows are ready to import."
        )

    def save(self) -> None:
        name = self.save_name.text().strip()
        if not name:
            self.save_name.setFocus()
            return
        save_mapping(self.db, name, self.mapping())
        if self.saved_box.findText(name) < 0:
            self.saved_box.addItem(name)

    def _use_saved(self, name: str) -> None:
        saved = saved_mappings(self.db).get(name)
        if saved is None:
            return
        for box, value in (
            (self.records_box, saved.sheet),
            (self.sheet_box, saved.source_sheet or self.sheet_box.currentText()),
        ):
            box.blockSignals(True)
            box.setCurrentText(value)
            box.blockSignals(False)
        self.header_row_box.blockSignals(True)
        self.header_row_box.setValue(saved.header_row)
        self.header_row_box.blockSignals(False)
        self.value_choices = {c: dict(v) for c, v in saved.values.items()}
        self._reload(saved.columns)

    def done(self, result: int) -> None:
        self.reads.forget()  # answers still on their way are not wanted once it closes
        super().done(result)


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)  # room for "(not in this sheet)"
    return table


def _fill(table: QTableWidget, headings: list[str], rows: list[list[str]]) -> None:
    width = max([len(headings), *(len(r) for r in rows)], default=0)
    table.setColumnCount(width)
    if headings:
        table.setHorizontalHeaderLabels(headings)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
