"""The values found in one of their columns, each with what it means in PeerLog ("F" → Woman):
guessed where PeerLog can, and chosen by the user where it cannot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.domain.importing.mapping import guess_value
from desktop_app.domain.importing.template import Column

AS_WRITTEN = "(as written)"

Chosen = Callable[[str, str | None], None]  # (their value, the code it means or None)


class ValueMeanings(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setHorizontalHeaderLabels(["Their value", "Means"])

    def show_values(
        self, column: Column | None, found: list[str], chosen: dict[str, str], on_chosen: Chosen
    ) -> None:
        """A row for each value in `found`, meaning what `chosen` (their value case-folded →
        code) says or else the guess. `on_chosen` hears each meaning shown, then each change."""
        if column is None or column.vocabulary is None:
            self.setRowCount(0)
            return
        labels = {t.label: t.code for t in column.vocabulary.terms}
        self.setRowCount(len(found))
        for index, value in enumerate(found):
            self.setItem(index, 0, QTableWidgetItem(value))
            box = QComboBox()
            box.addItems([AS_WRITTEN, *labels])
            code = chosen.get(value.casefold()) or guess_value(column, value)
            label = next((text for text, c in labels.items() if c == code), AS_WRITTEN)
            box.setCurrentText(label)
            box.currentTextChanged.connect(lambda text, v=value: on_chosen(v, labels.get(text)))
            on_chosen(value, labels.get(label))
            self.setCellWidget(index, 1, box)

    def box(self, value: str) -> QComboBox:
        """The choice of what `value` means."""
        for index in range(self.rowCount()):
            item = self.item(index, 0)
            if item is not None and item.text() == value:
                box = self.cellWidget(index, 1)
                assert isinstance(box, QComboBox)
                return box
        raise KeyError(value)
