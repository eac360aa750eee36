"""The mapping step for a spreadsheet that is not the PeerLog template: pick the sheet and the
row of headings, match their columns to PeerLog's fields (guessed from the headings), match
their values to codes ("F" → Woman), preview the first rows as they will be stored, and save the
mapping to reuse next quarter.

`MappingDialog(db, path, parent)`; after `exec()` is accepted, `mapping()` is the Mapping to
import with (`preview_import(..., mapping=...)`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
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
from desktop_app.domain.importing.mapping import Mapping, guess_columns, guess_value
from desktop_app.domain.importing.rows import found_text
from desktop_app.domain.importing.template import IMPORTED_SHEET_NAMES, Sheet, sheet_named
from desktop_app.services.import_mapping import (
    distinct_values,
    first_rows,
    preview_rows,
    save_mapping,
    saved_mappings,
    source_sheets,
)
from desktop_app.store.database import Database

NOT_THERE = "(not in this sheet)"
AS_WRITTEN = "(as written)"


class MappingDialog(QDialog):
    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.path = path
        self.headings: list[Cell] = []
        self.value_choices: dict[str, dict[str, str]] = {}  # column -> their value -> code
        self.setWindowTitle(f"Match the columns of {path.name}")
        self.resize(900, 700)
        self.sheet_box = QComboBox()
        self.sheet_box.addItems(source_sheets(path))
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
        self.values_table = _table()
        self.preview_table = _table()
        self.preview_problems = QLabel()
        self.preview_problems.setWordWrap(True)
        self.preview_button = QPushButton("Preview")
        self.preview_button.clicked.connect(self.show_preview)
        self.save_name = QLineEdit()
        self.save_name.setPlaceholderText("A name, like Members list")
        self.save_button = QPushButton("Save this mapping")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox()
        self.use_button = buttons.addButton(
            "Use this mapping", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Saved mapping", self.saved_box)
        form.addRow("Sheet", self.sheet_box)
        form.addRow("Row of headings", self.header_row_box)
        form.addRow("The rows are", self.records_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_name)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("The first rows of the sheet:"))
        layout.addWidget(self.first_rows_table)
        layout.addWidget(QLabel("Which of its columns holds each of PeerLog's fields:"))
        layout.addWidget(self.columns_table)
        layout.addWidget(QLabel("What its values mean:"))
        layout.addWidget(self.value_column_box)
        layout.addWidget(self.values_table)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.preview_table)
        layout.addWidget(self.preview_problems)
        layout.addLayout(save_row)
        layout.addWidget(buttons)
        self.sheet_box.currentTextChanged.connect(self._reload)
        self.header_row_box.valueChanged.connect(self._reload)
        self.records_box.currentTextChanged.connect(self._reload)
        self._reload()

    # Reading their sheet ------------------------------------------------------------------

    @property
    def sheet(self) -> Sheet:
        found = sheet_named(self.records_box.currentText())
        assert found is not None
        return found

    def _reload(self) -> None:
        rows = first_rows(self.path, self.sheet_box.currentText())
        _fill(self.first_rows_table, [], [[cell_text(c) for c in row] for row in rows])
        row = self.header_row_box.value()
        self.headings = [c for c in rows[row - 1] if cell_text(c)] if row <= len(rows) else []
        self._show_columns(guess_columns(self.sheet, self.headings))

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
        table = self.values_table
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["Their value", "Means"])
        if not column_name:
            table.setRowCount(0)
            return
        column = self.sheet.column(column_name)
        assert column.vocabulary is not None
        found = distinct_values(self.path, self.mapping(), column_name)
        choices = self.value_choices.setdefault(column_name, {})
        labels = {t.label: t.code for t in column.vocabulary.terms}
        table.setRowCount(len(found))
        for index, value in enumerate(found):
            table.setItem(index, 0, QTableWidgetItem(value))
            box = QComboBox()
            box.addItems([AS_WRITTEN, *labels])
            code = choices.get(value.casefold()) or guess_value(column, value)
            label = next((text for text, c in labels.items() if c == code), AS_WRITTEN)
            box.setCurrentText(label)
            box.currentTextChanged.connect(
                lambda text, v=value, c=column_name: self._value_chosen(c, v, labels.get(text))
            )
            self._value_chosen(column_name, value, labels.get(label))
            table.setCellWidget(index, 1, box)

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
        for index in range(self.values_table.rowCount()):
            item = self.values_table.item(index, 0)
            if item is not None and item.text() == value:
                box = self.values_table.cellWidget(index, 1)
                assert isinstance(box, QComboBox)
                return box
        raise KeyError(value)

    def show_preview(self) -> None:
        mapping = self.mapping()
        shown = [c.name for c in mapping.mapped_columns()]
        rows, problems = [], []
        for parsed, row_problems in preview_rows(self.path, mapping):
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
        self._reload()
        self._show_columns(saved.columns)


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
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
