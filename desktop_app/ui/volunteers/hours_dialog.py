"""Record time a volunteer gave outside a logged session (preparation, training, outreach), or
open an entry already recorded to correct or delete it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QVBoxLayout, QWidget

from desktop_app.domain.problems import Problem, long_date
from desktop_app.domain.volunteers import (
    MAX_HOURS_A_DAY,
    SUGGESTED_ACTIVITIES,
    NotWholeMinutes,
    VolunteerHours,
)
from desktop_app.services import volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.dialog_parts import RecordKey
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.form_state import remember_opening_state
from desktop_app.ui.common.messages import UNDO
from desktop_app.ui.common.record_dialog import RecordDialog
from desktop_app.ui.common.value_text import hours_text


class HoursDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        volunteer_id: str | None = None,
        parent: QWidget | None = None,
        hours_id: str | None = None,
    ) -> None:
        super().__init__("hours", editing=hours_id is not None, parent=parent)
        self.db = db
        self.existing = volunteers.get_hours(db, hours_id) if hours_id else None
        if self.existing is not None:
            volunteer_id = self.existing.volunteer_id
        self.setWindowTitle("Correct volunteer hours" if hours_id else "Record volunteer hours")
        self.discard_question = (
            "Discard the changes to these hours?" if hours_id else "Discard these volunteer hours?"
        )
        e = self.errors
        self.key = RecordKey(hours_id, self)
        self.volunteer = QComboBox()
        self.volunteer.setAccessibleName("Volunteer")
        for v in volunteers.list_volunteers(db):
            self.volunteer.addItem(f"{v.name} ({v.ref})", v.id)
        if volunteer_id is not None:
            if self.volunteer.findData(volunteer_id) < 0:  # someone who has left since
                left = volunteers.get_volunteer(db, volunteer_id)
                self.volunteer.addItem(f"{left.name} ({left.ref})", left.id)
            self.volunteer.setCurrentIndex(self.volunteer.findData(volunteer_id))
        self.worked_on = DateBox("Date the time was given")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, MAX_HOURS_A_DAY)
        self.hours.setSingleStep(0.25)
        self.hours.setValue(1.0)
        self.hours.setSuffix(" hours")
        self.hours.setAccessibleName("Hours")
        self.activity = QComboBox()
        self.activity.setEditable(True)
        self.activity.addItems(list(SUGGESTED_ACTIVITIES[1:]))  # sessions record their own
        self.activity.setCurrentIndex(-1)  # what they did is chosen or typed, never assumed
        typed = self.activity.lineEdit()
        if typed is not None:
            typed.setPlaceholderText("Choose or type what they did")
        self.activity.setAccessibleName("Activity")
        form = QFormLayout()
        add_row(form, "&Volunteer:", self.volunteer, e.label("volunteer_id", "the volunteer"))
        add_row(form, "Da&te:", self.worked_on, e.label("worked_on", "the date"))
        add_row(form, "&Hours:", self.hours, e.label("hours", "the hours"))
        add_row(form, "&Activity:", self.activity, e.label("activity", "the activity"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(e.general)
        layout.addLayout(self.buttons)
        if self.existing is not None:
            self.worked_on.set_value(self.existing.worked_on)
            self.hours.setValue(float(self.existing.hours))
            self.activity.setCurrentText(self.existing.activity)
        (self.hours if volunteer_id else self.volunteer).setFocus()
        self.size_for(70, 14)
        remember_opening_state(self)  # also when opened from a volunteer's record
        if self.delete_button is not None:
            self.delete_button.setToolTip("Delete this entry of hours")

    @Slot()
    def save(self) -> None:
        try:
            typed = VolunteerHours.of_hours(
                self.volunteer.currentData() or "",
                self.worked_on.value(),
                self.hours.value(),  # as shown: two decimals at most
                self.activity.currentText(),
            )
        except NotWholeMinutes as refused:
            self.errors.show([Problem("hours", str(refused))])
            self.hours.setFocus()
            return
        if self.existing is None:
            saved = self.attempt(lambda: volunteers.record_hours(self.db, typed))
        else:
            entry = replace(
                self.existing,
                volunteer_id=typed.volunteer_id,
                worked_on=typed.worked_on,
                minutes=typed.minutes,
                activity=typed.activity,
            )
            saved = self.attempt(lambda: volunteers.update_hours(self.db, entry))
        if saved is not None:
            self.finish(saved.id, "recorded" if self.existing is None else "corrected")

    @Slot()
    def delete(self) -> None:
        h = self.existing
        if h is None:
            return
        if self.confirm_and_delete(
            "Delete these hours?",
            f"Delete {hours_text(h.hours)} hours of “{h.activity}” on {long_date(h.worked_on)} "
            f"for {self.volunteer.currentText()}? They will no longer count in totals or "
            f"returns. {UNDO}",
            lambda: volunteers.delete_hours(self.db, h.id),
        ):
            self.finish(h.id, "deleted")
