"""Add a volunteer, or open one: roles, dates, DBS check, training and the hours they gave
(entry by entry, each to open to correct or delete)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.volunteers import Volunteer, dbs_due_on, describe_due
from desktop_app.services import settings, volunteers
from desktop_app.store.database import Database
from desktop_app.ui.common.date_fields import OptionalDateBox
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.record_dialog import RecordDialog
from desktop_app.ui.common.text_styles import heading
from desktop_app.ui.volunteers.hours_list import HoursList
from desktop_app.ui.volunteers.training_fields import TrainingFields


class VolunteerDialog(RecordDialog):
    def __init__(
        self, db: Database, volunteer_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("volunteer", volunteer_id is not None, parent)
        self.db = db
        self.existing: Volunteer | None = None
        self.setWindowTitle("A volunteer's record" if volunteer_id else "Add a volunteer")
        e = self.errors
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.ref = QLineEdit()
        self.ref.setAccessibleName("Reference")
        self.ref.setPlaceholderText("Leave empty for PeerLog to make one")
        self.roles = QLineEdit()
        self.roles.setAccessibleName("Roles")
        self.roles.setPlaceholderText("For example: Peer supporter, Group facilitator")
        self.started_on = OptionalDateBox("Started on")
        self.ended_on = OptionalDateBox("Left on", empty_text="Still volunteering")
        self.lived_experience = QCheckBox("Has &lived experience")
        self.dbs_checked_on = OptionalDateBox("DBS check done on", empty_text="No check recorded")
        self.dbs_due = QLabel()
        self.dbs_checked_on.dateChanged.connect(self._show_dbs_due)
        self.training = TrainingFields(e)
        self.hours: HoursList | None = None
        if volunteer_id is not None:
            self.hours = HoursList(db, volunteer_id)
            self.hours.changed.connect(lambda outcome: self._hours_changed(outcome, volunteer_id))

        form = QFormLayout()
        add_row(form, "&Name:", self.name, e.label("name", "the name"))
        add_row(form, "&Reference:", self.ref, e.label("ref", "the reference"))
        add_row(form, "R&oles:", self.roles, e.label("roles", "the roles"))
        add_row(form, "Star&ted:", self.started_on, e.label("started_on", "the start date"))
        add_row(form, "L&eft:", self.ended_on, e.label("ended_on", "the end date"))
        form.addRow("", self.lived_experience)
        add_row(
            form,
            "&DBS check:",
            self.dbs_checked_on,
            e.label("dbs_checked_on", "the DBS date"),
            self.dbs_due,
        )
        right = QVBoxLayout()
        right.addWidget(heading("Training", 3))
        right.addWidget(self.training, 1)
        left = QVBoxLayout()
        left.addLayout(form)
        if self.hours is not None:
            left.addWidget(heading("Hours given", 3))
            left.addWidget(self.hours, 1)
        else:
            left.addStretch(1)
        self.lay_out_columns(left, right)
        if volunteer_id is not None:
            self._load(volunteer_id)
        self._show_dbs_due()
        self.name.setFocus()
        self.size_for(140, 30 if volunteer_id is None else 34)

    def _hours_changed(self, outcome: str, volunteer_id: str) -> None:
        """Hours were saved from here: every screen refreshes, the status bar says so."""
        self.outcome = outcome
        self.saved.emit(volunteer_id)

    def _load(self, volunteer_id: str) -> None:
        v = self.existing = volunteers.get_volunteer(self.db, volunteer_id)
        self.name.setText(v.name)
        self.ref.setText(v.ref)
        self.roles.setText(", ".join(v.roles))
        self.started_on.set_value(v.started_on)
        self.ended_on.set_value(v.ended_on)
        self.lived_experience.setChecked(v.lived_experience)
        self.dbs_checked_on.set_value(v.dbs_checked_on)
        self.training.load(v.training)

    @Slot()
    def _show_dbs_due(self) -> None:
        checked = self.dbs_checked_on.value()
        years = settings.dbs_renewal_years(self.db)
        self.dbs_due.setText(
            f"Renewal {describe_due(dbs_due_on(checked, years), date.today())}" if checked else ""
        )
        self.dbs_due.setVisible(checked is not None)

    def volunteer_from_fields(self) -> Volunteer:
        base = self.existing or Volunteer(name="")
        return replace(
            base,
            name=self.name.text(),
            ref=self.ref.text(),
            roles=tuple(r for r in self.roles.text().split(",") if r.strip()),
            started_on=self.started_on.value(),
            ended_on=self.ended_on.value(),
            lived_experience=self.lived_experience.isChecked(),
            dbs_checked_on=self.dbs_checked_on.value(),
            training=self.training.training(),
        )

    @Slot()
    def save(self) -> None:
        if self.training.course.text().strip():
            self.training.add_entered()  # a course typed but not yet added is meant to be kept
        volunteer = self.volunteer_from_fields()
        if self.existing is None:
            saved = self.attempt(lambda: volunteers.add_volunteer(self.db, volunteer))
        else:
            saved = self.attempt(lambda: volunteers.update_volunteer(self.db, volunteer))
        if saved is not None:
            self.finish(saved.id)

    @Slot()
    def delete(self) -> None:
        v = self.existing
        if v is None:
            return
        if self.confirm_and_delete(
            "Delete this volunteer?",
            f"Delete {v.name} ({v.ref})? This is only for someone entered by mistake: a "
            "volunteer who has facilitated sessions or given hours cannot be deleted. "
            "When someone stops volunteering, fill in the date they left instead.",
            lambda: volunteers.delete_volunteer(self.db, v.id),
        ):
            self.finish(v.id, "deleted")
