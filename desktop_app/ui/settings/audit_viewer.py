"""The audit trail viewer (coordinators): filter by action, dates and record; export to CSV;
and whether the chain is whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.listing import Page
from desktop_app.domain.protection.audit import Action, AuditFilter
from desktop_app.services.protection import audit
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.forms.date_fields import DateBox

COLUMNS = ("When (UTC)", "Who", "Action", "Record kind", "Record id")
SHOWN = 500
AskSavePath = Callable[[], Path | None]


class AuditViewer(QWidget):
    def __init__(
        self, db: Database, ask_save_path: AskSavePath, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._ask_save_path = db, ask_save_path
        self.action = QComboBox()
        self.action.setAccessibleName("Action")
        self.action.addItem("Every action", "")
        for action in Action:
            self.action.addItem(action.value.capitalize(), action.value)
        self.use_dates = QCheckBox("&Between")
        # PeerLog's date boxes: dates written as everywhere else, and Tab moves on.
        self.start = DateBox("From", allow_future=True)
        self.end = DateBox("To", allow_future=True)
        self.record = QLineEdit()
        self.record.setPlaceholderText("Record id")
        self.record.setAccessibleName("Record id")
        show = QPushButton("S&how")
        show.clicked.connect(self.refresh)
        self.export_button = QPushButton("&Export to CSV…")
        self.export_button.clicked.connect(self._export)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        filters = QHBoxLayout()
        for widget in (self.action, self.use_dates, self.start, self.end, self.record, show):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        action = str(self.action.currentData() or "")
        dates: tuple[date | None, date | None] = (None, None)
        if self.use_dates.isChecked():
            dates = (self.start.date().toPython(), self.end.date().toPython())  # type: ignore[assignment]
        return AuditFilter(
            start=dates[0],
            end=dates[1],
            actions=(action,) if action else (),
            record_id=self.record.text().strip() or None,
        )

    def refresh(self) -> None:
        try:
            paged = audit.list_entries(self._db, self.current_filter(), Page(limit=SHOWN))
        except StoreError as exc:
            self.table.setRowCount(0)
            self.status.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        names = audit.user_names(self._db)
        self.table.setRowCount(len(paged.rows))
        for row, e in enumerate(paged.rows):
            values = (
                e.at,
                names.get(e.user_id, "Unknown user"),
                e.action,
                e.record_kind,
                e.record_id,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        problems = audit.chain_problems(self._db)
        chain = (
            "The audit trail is whole."
            if not problems
            else f"Warning: the audit trail was changed outside PeerLog ({problems[0]})."
        )
        more = (
            f" Showing the newest {SHOWN}; narrow the filter to see others."
            if paged.total > SHOWN
            else ""
        )
        self.status.setText(f"{_entries(paged.total).capitalize()}.{more} {chain}")

    def _export(self) -> None:
        path = self._ask_save_path()
        if path is None:
            return
        try:
            count = audit.export_csv(self._db, path, self.current_filter())
        except StoreError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()
        self.status.setText(f"Exported {_entries(count)} to {path}.")


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
