"""The organisation's own outcome measures in Settings: add one, correct one, and remove one
(deleted while nobody has been scored on it; after that only stopped, and offered again later).
PeerLog's own measures are not listed, so they are never offered for change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop_app.domain.outcomes.measures import Measure, scores_recorded_text
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.settings.settings_dialogs import CustomMeasureDialog

STOPPED = " (no longer offered)"
DELETE, STOP, OFFER = "Dele&te…", "S&top offering…", "Star&t offering again"


class CustomMeasuresPanel(QWidget):
    """`open_dialog` shows a dialog and reloads the screen once it closes."""

    def __init__(
        self, db: Database, open_dialog: Callable[[QDialog], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._open_dialog = open_dialog
        self.list = QListWidget()
        self.list.setAccessibleName("Custom measures")
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.none_yet = QLabel("None yet")
        self.add_button = action_button("Add a custom &measure…", self.add_measure)
        self.edit_button = action_button(
            "Ed&it…", self.edit_measure, "Correct the chosen measure's name or questions"
        )
        self.remove_button = action_button(DELETE, self.remove_measure)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none_yet)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self.list.currentRowChanged.connect(self._show_choices)
        self.list.itemActivated.connect(self.edit_measure)

    def load(self) -> None:
        """List the custom measures again, keeping the chosen one chosen."""
        chosen = self.chosen_code()
        self.list.clear()
        for m in outcomes.measures(self.db):
            if m.custom:
                self.list.addItem(m.name + ("" if m.offered else STOPPED))
                self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, m.code)
        codes = [self._code_at(row) for row in range(self.list.count())]
        self.list.setCurrentRow(codes.index(chosen) if chosen in codes else 0)
        self.none_yet.setVisible(not codes)
        self.list.setVisible(bool(codes))
        self._show_choices()

    def chosen_code(self) -> str | None:
        return self._code_at(self.list.currentRow())

    def _code_at(self, row: int) -> str | None:
        item = self.list.item(row)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _chosen(self) -> Measure | None:
        code = self.chosen_code()
        return None if code is None else outcomes.measure(self.db, code)

    @Slot()
    def _show_choices(self) -> None:
        """The remove button says what it will do to the chosen measure."""
        chosen = self._chosen()
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        if chosen is None:
            self.remove_button.setText(DELETE)
        elif not chosen.offered:
            self.remove_button.setText(OFFER)
            self.remove_button.setToolTip("Show this measure on new outcome forms again")
        elif outcomes.scores_recorded(self.db, chosen.code):
            self.remove_button.setText(STOP)
            self.remove_button.setToolTip(
                "Scores have been recorded with this measure, so it cannot be deleted; it can "
                "be left off new outcome forms"
            )
        else:
            self.remove_button.setText(DELETE)
            self.remove_button.setToolTip("No scores use this measure, so it can be deleted")

    @Slot()
    def add_measure(self) -> None:
        self._open_dialog(CustomMeasureDialog(self.db, self))

    @Slot()
    def edit_measure(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self._open_dialog(CustomMeasureDialog(self.db, self, chosen))

    @Slot()
    def remove_measure(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        try:
            self._remove(chosen)
        except StoreError as error:
            messages.show_error(self, "The measure was not changed", str(error))
        self.load()

    def _remove(self, chosen: Measure) -> None:
        if not chosen.offered:
            outcomes.offer_measure_again(self.db, chosen.code)
            return
        count = outcomes.scores_recorded(self.db, chosen.code)
        if count == 0:
            if messages.confirm(
                self,
                "Delete this measure?",
                f"“{chosen.name}” will be deleted. No scores have been recorded with it, so "
                "nothing else changes.",
                "Delete measure",
            ):
                outcomes.delete_custom_measure(self.db, chosen.code)
            return
        if messages.confirm(
            self,
            "Stop offering this measure?",
            f"{scores_recorded_text(count)} with “{chosen.name}”, so it cannot be deleted: "
            "people's records and returns depend on them.\n\nIf you stop offering it, it will not "
            "appear on new outcome forms. Its scores stay on people's records and still count in "
            "returns, and you can offer it again at any time.",
            "Stop offering",
        ):
            outcomes.stop_offering_measure(self.db, chosen.code)
