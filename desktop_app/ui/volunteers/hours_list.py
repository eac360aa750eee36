"""The hours a volunteer gave, entry by entry (date, hours, what for), with their total: Enter
opens an entry to correct or delete it. Shown in the volunteer's record."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.listing import Page
from desktop_app.domain.volunteers import VolunteerHours
from desktop_app.services import volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.dialog_parts import show_child
from desktop_app.ui.common.record_table import EntryTable
from desktop_app.ui.common.value_text import hours_text, short_date
from desktop_app.ui.volunteers.hours_dialog import HoursDialog

COLUMNS = ("Date", "Hours", "What for")
MOST_LISTED = 1000


class HoursList(QWidget):
    changed = Signal(str)  # what happened, like "Hours corrected."

    def __init__(self, db: Database, volunteer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.volunteer_id = db, volunteer_id
        self.entries: list[VolunteerHours] = []
        self.total = QLabel()
        self.total.setAccessibleName("Hours given")
        self.table = EntryTable(COLUMNS, "Hours given, entry by entry")
        self.table.open_requested.connect(lambda _row: self.open_chosen())
        self.add_button = QPushButton("Record &hours…")
        self.add_button.clicked.connect(lambda: self._open(None))
        self.open_button = QPushButton("Open an entr&y to correct…")
        self.open_button.setToolTip("Correct or delete the entry chosen in the list (Enter)")
        self.open_button.clicked.connect(self.open_chosen)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        paged = volunteers.list_hours(self.db, self.volunteer_id, page=Page(limit=MOST_LISTED))
        self.entries = list(paged.rows)
        total = volunteers.total_hours(self.db, self.volunteer_id)
        count = f"{paged.total} entr{'y' if paged.total == 1 else 'ies'}"
        shown = (
            f"; the latest {len(self.entries)} are listed" if paged.total > len(paged.rows) else ""
        )
        self.total.setText(
            f"{hours_text(total)} hours in all ({count}{shown})" if paged.total else "None yet"
        )
        self.table.set_rows(
            [(short_date(e.worked_on), hours_text(e.hours), e.activity) for e in self.entries]
        )
        self.table.setVisible(bool(self.entries))
        self.open_button.setEnabled(bool(self.entries))

    @Slot()
    def open_chosen(self) -> HoursDialog | None:
        row = self.table.chosen_row()
        return None if row is None else self._open(self.entries[row].id)

    def _open(self, hours_id: str | None) -> HoursDialog:
        dialog = HoursDialog(self.db, self.volunteer_id, self, hours_id=hours_id)
        dialog.saved.connect(lambda _id: self._after_change(dialog.outcome))
        show_child(dialog)
        return dialog

    def _after_change(self, outcome: str) -> None:
        self.refresh()
        self.changed.emit(outcome)
