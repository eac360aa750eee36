"""What was done about a concern: the actions so far, oldest first, and a line to add one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.safeguarding import ConcernAction
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.forms.date_fields import DateBox
from desktop_app.ui.forms.entry_list import EntryList
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import plain_button


def describe(action: ConcernAction) -> str:
    by = f" ({action.by_whom})" if action.by_whom else ""
    return f"{short_date(action.taken_on)}: {action.what}{by}"


class ActionFields(QWidget):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Actions taken")
        self.listed = EntryList(
            describe,
            "Actions taken (Delete removes one not yet saved)",
            removable=lambda action: not action.created_at,  # saved actions are kept
        )
        self.listed.setWordWrap(True)
        self.listed.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.taken_on = DateBox("Action taken on")
        self.what = QLineEdit()
        self.what.setAccessibleName("What was done")
        self.what.setPlaceholderText("For example: Rang the safeguarding lead")
        self.what.returnPressed.connect(self.add_entered)
        self.by_whom = QLineEdit()
        self.by_whom.setAccessibleName("Done by")
        self.by_whom.setPlaceholderText("Who did it")
        self.by_whom.returnPressed.connect(self.add_entered)
        self.add_button = plain_button("&Add the action")
        self.add_button.setToolTip("Add it to the list (Enter); it is saved with the concern")
        self.add_button.clicked.connect(self.add_entered)
        form = QFormLayout()
        add_row(form, "Action &taken on:", self.taken_on, errors.label("actions", "the actions"))
        add_row(form, "What was &done:", self.what)
        add_row(form, "Done b&y:", self.by_whom, None, self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listed, 1)
        layout.addLayout(form)

    def load(self, actions: tuple[ConcernAction, ...]) -> None:
        self.listed.load(actions)

    def entered(self) -> tuple[ConcernAction, ...]:
        """The actions listed, and the one typed below the list if it was not added yet (it is
        meant to be kept)."""
        if self.what.text().strip():
            self.add_entered()
        return self.listed.entries()

    def draft_value(self) -> list[list[str]]:
        """The actions as a draft keeps them (see `form_state`)."""
        return [
            [a.taken_on.isoformat(), a.what, a.by_whom, a.id, a.created_at, a.updated_at]
            for a in self.listed.entries()
        ]

    def restore_draft_value(self, value: list[list[str]]) -> None:
        self.load(
            tuple(
                ConcernAction(date.fromisoformat(str(on)), str(what), *(str(p) for p in rest))
                for on, what, *rest in value
            )
        )

    @Slot()
    def add_entered(self) -> None:
        """Add the action typed below the list (checked when the concern is saved)."""
        if not self.what.text().strip():
            self.what.setFocus()
            return
        self.listed.append(
            ConcernAction(self.taken_on.value(), self.what.text(), self.by_whom.text())
        )
        self.what.clear()
        self.what.setFocus()
