"""A volunteer's training: the courses done, when, and when each runs out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.volunteers import TrainingRecord
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.forms.date_fields import DateBox, OptionalDateBox
from desktop_app.ui.forms.entry_list import EntryList
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import plain_button


def describe(record: TrainingRecord) -> str:
    expiry = f", runs out {short_date(record.expires_on)}" if record.expires_on else ""
    return f"{record.course}: done {short_date(record.completed_on)}{expiry}"


class TrainingFields(QWidget):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Training")
        self.records = EntryList(describe, "Training done (Delete removes one)")
        self.course = QLineEdit()
        self.course.setAccessibleName("Course")
        self.course.setPlaceholderText("For example: Safeguarding adults, level 2")
        self.completed_on = DateBox("Course completed on")
        self.expires_on = OptionalDateBox(
            "Training runs out on", allow_future=True, empty_text="Never"
        )
        add = plain_button("&Add training")
        add.clicked.connect(self.add_entered)
        form = QFormLayout()
        add_row(form, "&Course:", self.course, errors.label("training.course", "the course"))
        add_row(
            form,
            "Com&pleted:",
            self.completed_on,
            errors.label("training.completed_on", "the date"),
        )
        add_row(
            form,
            "E&xpires:",
            self.expires_on,
            errors.label("training.expires_on", "the expiry date"),
            add,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.records, 1)
        layout.addLayout(form)

    def load(self, records: tuple[TrainingRecord, ...]) -> None:
        self.records.load(records)

    def training(self) -> tuple[TrainingRecord, ...]:
        return self.records.entries()

    def draft_value(self) -> list[list[str | None]]:
        """The rows of training as a draft keeps them (see `form_state`)."""
        return [
            [
                t.course,
                t.completed_on.isoformat(),
                t.expires_on.isoformat() if t.expires_on else None,
                t.id,
                t.created_at,
                t.updated_at,
            ]
            for t in self.training()
        ]

    def restore_draft_value(self, value: list[list[str | None]]) -> None:
        self.load(
            tuple(
                TrainingRecord(
                    str(course),
                    date.fromisoformat(str(done)),
                    _day_or_none(expires),
                    *(str(part or "") for part in rest),
                )
                for course, done, expires, *rest in value
            )
        )

    @Slot()
    def add_entered(self) -> None:
        """Add the course typed below the list (checked when the volunteer is saved)."""
        if not self.course.text().strip():
            self.course.setFocus()
            return
        self.records.append(
            TrainingRecord(
                course=self.course.text(),
                completed_on=self.completed_on.value(),
                expires_on=self.expires_on.value(),
            )
        )
        self.course.clear()
        self.expires_on.clear()
        self.course.setFocus()


def _day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
