"""Home's data protection line: backups needing attention, and (coordinators) people past the
retention period, with erase or anonymise in one step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.services.protection import retention
from desktop_app.services.protection.home_summary import ProtectionAttention, protection_attention
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages

WARNING_STYLE = "color: #8a4b00; font-weight: bold;"


class ProtectionPanel(QWidget):
    changed = Signal()  # people were erased or anonymised

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.backups = QLabel()
        self.backups.setWordWrap(True)
        self.backups.setStyleSheet(WARNING_STYLE)
        self.retention = QLabel()
        self.retention.setWordWrap(True)
        self.erase_button = QPushButton("Erase them…")
        self.erase_button.clicked.connect(self.erase_past_retention)
        self.anonymise_button = QPushButton("Anon&ymise them…")
        self.anonymise_button.setToolTip(
            "Keep age band, gender, ethnic group, referral source and scores for statistics; "
            "remove names, references, postcodes, notes and stories"
        )
        self.anonymise_button.clicked.connect(self.anonymise_past_retention)
        self.retention_row = QWidget()
        row = QHBoxLayout(self.retention_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.retention, 1)
        row.addWidget(self.anonymise_button)
        row.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.backups)
        layout.addWidget(self.retention_row)
        self.state: ProtectionAttention | None = None
        for hidden_until_checked in (self.backups, self.retention_row, self):
            hidden_until_checked.setVisible(False)

    def refresh(self) -> ProtectionAttention:
        return self.show_state(protection_attention(self.db))

    def show_state(self, state: ProtectionAttention) -> ProtectionAttention:
        """Show what `protection_attention` found (Home works it out on a worker thread)."""
        self.state = state
        self.backups.setText(state.backups.message)
        self.backups.setVisible(state.backups.needs_attention)
        count = len(state.past_retention)
        self.retention.setText(
            f"{_people(count)} had no contact for more than {state.retention_years} years, "
            "the time this organisation keeps records. Erase or anonymise them."
        )
        self.retention_row.setVisible(count > 0)
        self.setVisible(state.backups.needs_attention or count > 0)
        return state

    @Slot()
    def erase_past_retention(self) -> None:
        self._in_one_step(
            "Erase everyone past the retention period?",
            "Their records go for ever; session totals stay true (they are counted as "
            "anonymous). This cannot be undone.",
            "Erase them",
            retention.erase_past_retention,
            "erased",
        )

    @Slot()
    def anonymise_past_retention(self) -> None:
        self._in_one_step(
            "Anonymise everyone past the retention period?",
            "Names, references, postcodes, notes and stories are removed; age band, gender, "
            "ethnic group, referral source and scores stay for statistics. This cannot be undone.",
            "Anonymise them",
            retention.anonymise_past_retention,
            "anonymised",
        )

    def _in_one_step(
        self, question: str, detail: str, yes: str, act: Callable[[Database], int], verb: str
    ) -> None:
        count = len(self.state.past_retention) if self.state else 0
        if not messages.confirm(self, question, f"{_people(count)}. {detail}", yes):
            return
        try:
            done = act(self.db)
        except StoreError as error:
            messages.show_error(self, f"Nobody was {verb}", str(error))
            return
        messages.inform(self, f"People {verb}", f"{_people(done)} {verb}.")
        self.changed.emit()


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"
