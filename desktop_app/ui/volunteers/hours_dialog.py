"""Record time a volunteer gave outside a logged session: preparation, training, outreach."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QVBoxLayout, QWidget

from desktop_app.domain.volunteers import MAX_HOURS_A_DAY, SUGGESTED_ACTIVITIES, VolunteerHours
from desktop_app.services import volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.record_dialog import RecordDialog


class HoursDialog(RecordDialog):
    def __init__(
        self, db: Database, volunteer_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("hours", editing=False, parent=parent)
        self.db = db
        self.setWindowTitle("Record volunteer hours")
        self.discard_question = "Discard these volunteer hours?"
        e = self.errors
        self.volunteer = QComboBox()
        self.volunteer.setAccessibleName("Volunteer")
        for v in volunteers.list_volunteers(db):
            self.volunteer.addItem(f"{v.name} ({v.ref})", v.id)
        if volunteer_id is not None:
            self.volunteer.setCurrentIndex(max(self.volunteer.findData(volunteer_id), 0))
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
        (self.hours if volunteer_id else self.volunteer).setFocus()
        self.size_for(70, 14)

    @Slot()
    def save(self) -> None:
        entry = VolunteerHours(
            volunteer_id=self.volunteer.currentData() or "",
            worked_on=self.worked_on.value(),
            hours=self.hours.value(),
            activity=self.activity.currentText(),
        )
        saved = self.attempt(lambda: volunteers.record_hours(self.db, entry))
        if saved is not None:
            self.finish(saved.id, "recorded")

    @Slot()
    def delete(self) -> None:
        """New hours only: there is nothing to delete yet."""
