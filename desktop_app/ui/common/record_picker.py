"""Choosing people (or volunteers) from the keyboard: type part of a name or reference, press
Enter to add the highlighted match. Up and Down move through the matches; Delete removes a
chosen one. When nobody matches, Enter adds a new person with just the typed name (if allowed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

SUGGESTIONS_SHOWN = 8
CHOICE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Choice:
    id: str | None  # None: a new record, to be added with `name`
    name: str
    ref: str = ""

    @property
    def label(self) -> str:
        if self.id is None:
            return f"{self.name} (new)"
        return f"{self.name} ({self.ref})" if self.ref else self.name


Search = Callable[[str], Sequence[Choice]]


class RecordPicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        what: str,
        search: Search,
        new_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`what` names the records ("attendees"); `new_label` ("person") allows new ones."""
        super().__init__(parent)
        self._search = search
        self._new_label = new_label
        self.setAccessibleName(what.capitalize())
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(f"Add {what}: type part of a name or reference")
        hint = "Type part of a name or reference, then press Enter"
        self.search_box.setPlaceholderText(hint)
        self.search_box.installEventFilter(self)
        self.search_box.textChanged.connect(self._update_suggestions)
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(f"Matching {what}")
        self.suggestions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.suggestions.itemClicked.connect(self._add_item)
        self.suggestions.hide()
        self.chosen = QListWidget()
        self.chosen.setAccessibleName(f"Chosen {what}")
        self.what = what
        self.count = QLabel()
        self.count.setAccessibleName(f"How many {what}")
        self.changed.connect(self._count)
        self.chosen.installEventFilter(self)  # Delete or Backspace removes the selected one
        remove = QAction("Remove (Delete)", self.chosen)
        remove.triggered.connect(self.remove_selected)
        self.chosen.addAction(remove)
        self.chosen.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lines = self.fontMetrics().lineSpacing()
        self.suggestions.setMaximumHeight(lines * (SUGGESTIONS_SHOWN + 1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.chosen, 1)
        layout.addWidget(self.count)
        self.setFocusProxy(self.search_box)
        self._count()

    # What is chosen ------------------------------------------------------------------------

    def choices(self) -> list[Choice]:
        return [self.chosen.item(row).data(CHOICE_ROLE) for row in range(self.chosen.count())]

    def current_choice(self) -> Choice | None:
        """The choice selected in the chosen list, if any."""
        item = self.chosen.currentItem()
        return item.data(CHOICE_ROLE) if item is not None else None

    def chosen_ids(self) -> list[str]:
        return [c.id for c in self.choices() if c.id is not None]

    def new_names(self) -> list[str]:
        return [c.name for c in self.choices() if c.id is None]

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.chosen.clear()
        for choice in choices:
            self._append(choice)
        self.changed.emit()

    def draft_value(self) -> list[list[str | None]]:
        """The chosen records as a draft keeps them (see `form_state`)."""
        return [[c.id, c.name, c.ref] for c in self.choices()]

    def restore_draft_value(self, value: list[list[str | None]]) -> None:
        self.set_choices([Choice(c[0], str(c[1]), str(c[2] or "")) for c in value])

    def add(self, choice: Choice) -> None:
        already = {(c.id, c.name.casefold() if c.id is None else "") for c in self.choices()}
        if (choice.id, choice.name.casefold() if choice.id is None else "") not in already:
            self._append(choice)
            self.changed.emit()

    def _append(self, choice: Choice) -> None:
        item = QListWidgetItem(choice.label)
        item.setData(CHOICE_ROLE, choice)
        self.chosen.addItem(item)

    @Slot()
    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    @Slot()
    def _count(self) -> None:
        n = self.chosen.count()
        self.count.setText(f"{n} {self.what.removesuffix('s') if n == 1 else self.what}")

    # Searching -----------------------------------------------------------------------------

    @Slot(str)
    def _update_suggestions(self, text: str) -> None:
        self.suggestions.clear()
        query = " ".join(text.split())
        if not query:
            self.suggestions.hide()
            return
        chosen = set(self.chosen_ids())
        matches = [c for c in self._search(query) if c.id not in chosen][:SUGGESTIONS_SHOWN]
        for match in matches:
            item = QListWidgetItem(match.label)
            item.setData(CHOICE_ROLE, match)
            self.suggestions.addItem(item)
        if self._new_label is not None:
            item = QListWidgetItem(f"Add “{query}” as a new {self._new_label}")
            item.setData(CHOICE_ROLE, Choice(None, query))
            self.suggestions.addItem(item)
        if not self.suggestions.count():
            self.suggestions.addItem(QListWidgetItem(f"Nobody matches “{query}”"))
        self.suggestions.setCurrentRow(0)
        self.suggestions.show()

    def _add_item(self, item: QListWidgetItem | None) -> None:
        choice = item.data(CHOICE_ROLE) if item is not None else None
        if isinstance(choice, Choice):
            self.add(choice)
            self.search_box.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.search_box:
                return self._on_search_key(event)
            if watched is self.chosen and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def _on_search_key(self, event: QKeyEvent) -> bool:
        """True when the key was used here (so it does not also reach the dialog)."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.search_box.text().strip():
                self._add_item(self.suggestions.currentItem())
                return True
            return False
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.suggestions.isVisible():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = self.suggestions.currentRow() + step
            self.suggestions.setCurrentRow(max(0, min(row, self.suggestions.count() - 1)))
            return True
        if key == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            return True
        return False
