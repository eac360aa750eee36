"""A form's entries listed one per line (training done, actions taken on a concern), each kept
with its line; Delete or Backspace removes the selected one when it may be removed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class EntryList(QListWidget):
    def __init__(
        self,
        describe: Callable[[Any], str],
        accessible_name: str,
        removable: Callable[[Any], bool] = lambda _entry: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._describe = describe
        self._removable = removable

    def load(self, entries: Iterable[Any]) -> None:
        self.clear()
        for entry in entries:
            self.append(entry)

    def append(self, entry: Any) -> None:
        item = QListWidgetItem(self._describe(entry))
        item.setData(ENTRY_ROLE, entry)
        self.addItem(item)

    def entries(self) -> tuple[Any, ...]:
        return tuple(self.item(row).data(ENTRY_ROLE) for row in range(self.count()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            item = self.currentItem()
            if item is not None and self._removable(item.data(ENTRY_ROLE)):
                self.takeItem(self.currentRow())
            return
        super().keyPressEvent(event)
