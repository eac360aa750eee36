"""Changes to check: a detail changed on two laptops since they last synced. PeerLog kept the
later value; for each, keep it or use the other one instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.sync.report import Conflict
from desktop_app.services import sync
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.sync.sync_events import events

TITLE = "Changes to check"
ROW_ROLE = Qt.ItemDataRole.UserRole


def _value(text: str) -> str:
    return text if text.strip() else "(empty)"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _line(conflict: Conflict) -> str:
    return f"{conflict.record_label}: {_capital(conflict.field_label)}"


class ChangesToCheckDialog(FittedDialog):
    decided = Signal()  # a record may have changed: the screens show it again

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.conflicts: list[Conflict] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Changes to check")
        self.list.currentRowChanged.connect(self._show_row)
        list_label = QLabel("&Details changed on two laptops:")
        list_label.setBuddy(self.list)
        self.record = self._value_label("Record")
        self.field = self._value_label("Detail")
        self.kept = self._value_label("Kept value")
        self.other = self._value_label("Other value")
        self.details = QWidget()  # hidden while there is nothing to check
        details = QFormLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addRow("Record:", self.record)
        details.addRow("Detail:", self.field)
        details.addRow("Kept (in the record now):", self.kept)
        details.addRow("Not kept:", self.other)
        self.keep_button = action_button(
            "&Keep this", self.keep, "Keep the value in the record now; the other is forgotten"
        )
        self.use_other_button = action_button(
            "&Use the other value", self.use_other, "Put the other laptop's value in the record"
        )
        decide = QHBoxLayout()
        decide.addWidget(self.keep_button)
        decide.addWidget(self.use_other_button)
        decide.addStretch(1)
        details.addRow(decide)
        self.empty = note("Nothing to check: every change from the other laptops fitted in.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE))
        layout.addWidget(
            note(
                "Each detail below was changed on two laptops before they synced. PeerLog kept "
                "the later change. Keep it, or use the other value if that is the right one; "
                "either way the choice goes to every laptop at the next sync."
            )
        )
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 90
        self.resize(width, self.fontMetrics().lineSpacing() * 28)
        self.setFocusProxy(self.list)
        self.load()

    def _value_label(self, about: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(about)
        return label

    def load(self) -> None:
        self.conflicts = sync.conflicts(self.db)
        self.list.clear()
        for index, conflict in enumerate(self.conflicts):
            item = QListWidgetItem(_line(conflict))
            item.setData(ROW_ROLE, index)
            self.list.addItem(item)
        self.empty.setVisible(not self.conflicts)
        self.details.setVisible(bool(self.conflicts))
        self.list.setCurrentRow(0 if self.conflicts else -1)
        self._show_row(self.list.currentRow())

    @property
    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    @Slot(int)
    def _show_row(self, _row: int) -> None:
        conflict = self.current
        for button in (self.keep_button, self.use_other_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            for label in (self.record, self.field, self.kept, self.other):
                label.clear()
            return
        self.record.setText(conflict.record_label)
        self.field.setText(_capital(conflict.field_label))
        self.kept.setText(f"{_value(conflict.kept)} — from {conflict.kept_from}")
        self.other.setText(f"{_value(conflict.other)} — from {conflict.other_from}")

    @Slot()
    def keep(self) -> None:
        self._decide(use_other=False)

    @Slot()
    def use_other(self) -> None:
        self._decide(use_other=True)

    def _decide(self, use_other: bool) -> None:
        conflict = self.current
        if conflict is None:
            return
        row = self.list.currentRow()
        try:
            if use_other:
                sync.use_other_value(self.db, conflict.id)
            else:
                sync.keep_value(self.db, conflict.id)
        except StoreError as error:
            messages.show_error(self, "Not changed", str(error))
            return
        self.load()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.decided.emit()
        events().synced.emit()
        (self.list if self.conflicts else self).setFocus()
