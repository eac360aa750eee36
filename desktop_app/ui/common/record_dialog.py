"""What every record dialog shares: Save (also Ctrl+Enter), Cancel (asking first when something
typed would be lost), Delete… with a question first, and problems shown beside the fields they
are about.

Enter alone never saves: in these forms it adds an attendee or moves on, and a half-filled
record saved by accident is worse than a key pressed twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.validation import ValidationFailed
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.field_error import FieldErrors
from desktop_app.ui.common.unsaved import AsksBeforeDiscarding

log = logging.getLogger(__name__)

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")
T = TypeVar("T")


def plain_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


class RecordDialog(AsksBeforeDiscarding):
    saved = Signal(str)  # the id of the record saved or deleted

    def __init__(self, what: str, editing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.outcome = ""
        self.discard_question = (
            f"Discard the changes to this {what}?" if editing else f"Discard this new {what}?"
        )
        self.errors = FieldErrors(f"saving the {what}")
        self.save_button = plain_button("&Save")
        self.save_button.setToolTip(f"Save the {what} (Ctrl+Enter)")
        self.save_button.clicked.connect(self.save)
        cancel = plain_button("Cancel")
        cancel.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.delete_button: QPushButton | None = None
        if editing:
            self.delete_button = plain_button("Delete…")
            self.delete_button.clicked.connect(self.delete)
            self.buttons.addWidget(self.delete_button)
        self.buttons.addWidget(QLabel("Ctrl+Enter saves"))
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(cancel)
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)

    def lay_out_columns(
        self,
        left: QLayout,
        right: QLayout,
        below: QLayout | None = None,
        weights: tuple[int, int] = (1, 1),
    ) -> None:
        """Two columns of fields, then `below`, the general problem line and the buttons."""
        columns = QHBoxLayout()
        columns.addLayout(left, weights[0])
        columns.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        columns.addLayout(right, weights[1])
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        if below is not None:
            layout.addLayout(below)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.buttons)

    def size_for(self, chars: int, lines: int) -> None:
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * chars, metrics.lineSpacing() * lines)

    @Slot()
    def save(self) -> None:
        raise NotImplementedError

    @Slot()
    def delete(self) -> None:
        raise NotImplementedError

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run a service call; on a problem show it beside its field and return None."""
        self.errors.clear()
        try:
            return action()
        except ValidationFailed as failed:
            self.errors.show(failed.problems)
            log.info("%s not saved: %d problems", self.what.capitalize(), len(failed.problems))
            self._focus_first_problem()
        except StoreError as error:
            self.errors.general.show_problem(str(error))
        return None

    def _focus_first_problem(self) -> None:
        label = self.errors.first_with_problem()
        cell = label.parentWidget() if label is not None else None
        layout = cell.layout() if cell is not None else None
        item = layout.itemAt(0) if layout is not None else None
        field = item.widget() if item is not None else None
        if field is not None:
            field.setFocus()

    def confirm_and_delete(self, question: str, detail: str, action: Callable[[], None]) -> bool:
        if not messages.confirm(self, question, detail, f"Delete the {self.what}"):
            return False

        def run() -> bool:
            action()
            return True

        return self.attempt(run) is True

    def finish(self, record_id: str, verb: str = "saved") -> None:
        """Close after a save or delete; `outcome` ("Session saved.") is for the status bar."""
        self.outcome = f"{self.what.capitalize()} {verb}."
        if verb == "deleted":
            self.outcome += " To undo it: Records → Recently deleted…"
        self.saved.emit(record_id)
        self.accept()
