"""A referral: who was referred (someone known, or a new person made from it), by whom, when and
what for; consent to feedback; and its progress. Ctrl+M records the next step (contact
attempted, then contacted) as today; first session and engaged come from attendance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import Problem, long_date
from desktop_app.domain.referrals.pipeline import Progress, Stage, next_recorded_step, progress
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, NEED, SOURCE_KIND
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import Database
from desktop_app.ui.forms.date_fields import DateBox, OptionalDateBox
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import RecordDialog, plain_button
from desktop_app.ui.forms.record_picker import Choice, RecordPicker
from desktop_app.ui.forms.vocabulary_combo import VocabularyCombo
from desktop_app.ui.referrals.referral_text import stage_text, waited_text
from desktop_app.ui.sessions.session_choices import people_search

NEXT_STEP_KEY = "Ctrl+M"


class ReferralDialog(RecordDialog):
    def __init__(
        self, db: Database, referral_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("referral", editing=referral_id is not None, parent=parent)
        self.db = db
        row = referrals.get_referral(db, referral_id) if referral_id else None
        self.existing: Referral | None = row.progress.referral if row else None
        self.attended: Progress | None = row.progress if row else None
        self.setWindowTitle(
            f"Referral of {row.person_name} ({row.person_ref})" if row else "Record a referral"
        )
        e = self.errors
        self.person = RecordPicker("the person referred", people_search(db), new_label="person")
        self.person.chosen.setMaximumHeight(self.fontMetrics().lineSpacing() * 3)
        self.person.count.hide()  # one person: "1 the person referred" says nothing
        if row is not None:
            self.person.set_choices(
                [Choice(row.progress.referral.person_id, row.person_name, row.person_ref)]
            )
        self.received_on = DateBox("Date received")
        self.source_kind = VocabularyCombo(SOURCE_KIND, "Kind of referrer")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Referring organisation")
        self.organisation.setPlaceholderText("Riverside surgery")
        self.role = QLineEdit()
        self.role.setAccessibleName("Referrer's role")
        self.role.setPlaceholderText("Their role, not their name: Link worker")
        self.needs = {term.code: QCheckBox(term.label) for term in NEED.terms}
        needs_box = QGroupBox("Needs or reasons")
        needs_grid = QGridLayout(needs_box)
        for number, box in enumerate(self.needs.values()):
            needs_grid.addWidget(box, number // 2, number % 2)
        self.consent = QCheckBox("They agree the referrer may &hear back")
        self.share_scores = QCheckBox("…and may see their &wellbeing scores")
        self.consent.toggled.connect(self.share_scores.setEnabled)
        self.share_scores.setEnabled(False)
        self.stage = QLabel()
        self.stage.setAccessibleName("Stage")
        self.attempted = OptionalDateBox("Contact attempted on")
        self.contacted = OptionalDateBox("Contacted on")
        self.from_attendance = QLabel()
        self.from_attendance.setWordWrap(True)
        self.from_attendance.setAccessibleName("First session and engaged, from attendance")
        self.next_step = plain_button(f"&Next step ({NEXT_STEP_KEY})")
        self.next_step.setToolTip("Record the next step as done today")
        self.next_step.clicked.connect(self.record_next_step)
        QShortcut(QKeySequence(NEXT_STEP_KEY), self).activated.connect(self.record_next_step)
        self.closed_on = OptionalDateBox("Closed on", empty_text="Open")
        self.closed_reason = VocabularyCombo(CLOSING_REASON, "Reason for closing", "Not closed")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)

        left = QFormLayout()
        add_row(
            left, "&Person:", self.person, e.label("person_id", "the person", ("new_person_name",))
        )
        add_row(left, "Date &received:", self.received_on, e.label("received_on", "the date"))
        add_row(left, "&Kind of referrer:", self.source_kind, e.label("source_kind", "the kind"))
        add_row(
            left, "&Organisation:", self.organisation, e.label("organisation", "the organisation")
        )
        add_row(left, "Their ro&le:", self.role, e.label("referrer_role", "the role"))
        left_column = QVBoxLayout()
        left_column.addLayout(left)
        left_column.addWidget(needs_box)
        left_column.addWidget(e.label("needs", "the needs"))
        right = QFormLayout()
        right.addRow(self.consent)
        right.addRow(self.share_scores)
        right.addRow("Stage:", self.stage)
        add_row(
            right,
            "Contact &attempted:",
            self.attempted,
            e.label("contact_attempted_on", "the date"),
        )
        add_row(right, "&Contacted:", self.contacted, e.label("contacted_on", "the date"))
        right.addRow("", self.from_attendance)
        right.addRow("", self.next_step)
        add_row(right, "Clos&ed on:", self.closed_on, e.label("closed_on", "the date"))
        add_row(
            right,
            "Reason for clos&ing:",
            self.closed_reason,
            e.label("closed_reason", "the reason"),
        )
        add_row(right, "No&tes:", self.notes, e.label("notes", "the notes"))
        self.lay_out_columns(left_column, right)
        for field in (self.attempted, self.contacted, self.closed_on):
            field.dateChanged.connect(self._show_progress)
        if self.existing is not None:
            self._load(self.existing)
        self._show_progress()
        (self.attempted if row else self.person).setFocus()
        self.size_for(110, 30)

    def _load(self, r: Referral) -> None:
        self.received_on.set_value(r.received_on)
        self.source_kind.set_code(r.source_kind)
        self.organisation.setText(r.organisation)
        self.role.setText(r.referrer_role)
        for code, box in self.needs.items():
            box.setChecked(code in r.needs)
        self.consent.setChecked(r.consent_to_feedback)
        self.share_scores.setChecked(r.share_scores)
        self.attempted.set_value(r.contact_attempted_on)
        self.contacted.set_value(r.contacted_on)
        self.closed_on.set_value(r.closed_on)
        self.closed_reason.set_code(r.closed_reason or None)
        self.notes.setPlainText(r.notes)

    def referral(self) -> Referral:
        choice = self.person.choices()[0] if len(self.person.choices()) == 1 else None
        fields = dict(
            person_id=choice.id or "" if choice else "",
            received_on=self.received_on.value(),
            source_kind=self.source_kind.code() or "",
            organisation=self.organisation.text(),
            referrer_role=self.role.text(),
            needs=tuple(code for code, box in self.needs.items() if box.isChecked()),
            consent_to_feedback=self.consent.isChecked(),
            share_scores=self.share_scores.isChecked(),
            notes=self.notes.toPlainText(),
            contact_attempted_on=self.attempted.value(),
            contacted_on=self.contacted.value(),
            closed_on=self.closed_on.value(),
            closed_reason=self.closed_reason.code() or "",
        )
        if self.existing is not None:
            return replace(self.existing, **fields)  # type: ignore[arg-type]
        return Referral(**fields)  # type: ignore[arg-type]

    def _progress(self) -> Progress:
        """The form's referral with the attendance it had when opened."""
        referral = self.referral()
        known = self.attended
        if known is None:
            return progress(referral, [])
        return replace(known, referral=referral)

    @Slot()
    def _show_progress(self) -> None:
        p = self._progress()
        self.stage.setText(stage_text(p))
        waited = f"{waited_text(p, date.today())}."
        if p.first_session_on is None:
            self.from_attendance.setText(
                f"{waited} First session and engaged come from attendance: none since the "
                "referral yet."
            )
        else:
            engaged = f"; engaged {long_date(p.engaged_on)}" if p.engaged_on else ""
            self.from_attendance.setText(
                f"{waited} First session {long_date(p.first_session_on)}{engaged} "
                f"({p.sessions_attended} so far)."
            )
        step = next_recorded_step(p)
        self.next_step.setEnabled(step is not None)
        if step is not None:
            self.next_step.setText(f"&Next step: {step.value} today ({NEXT_STEP_KEY})")

    @Slot()
    def record_next_step(self) -> None:
        """One keystroke: the next recorded step, done today (saved with the form)."""
        step = next_recorded_step(self._progress())
        if step is Stage.CONTACT_ATTEMPTED:
            self.attempted.set_value(date.today())
        elif step is Stage.CONTACTED:
            self.contacted.set_value(date.today())

    @Slot()
    def save(self) -> None:
        referral = self.referral()
        if len(self.person.choices()) > 1:
            self.errors.show([Problem("person_id", "Choose one person: a referral is for one.")])
            return
        choice = self.person.choices()[0] if self.person.choices() else None
        new_name = choice.name if choice is not None and choice.id is None else ""
        if self.existing is not None:
            saved = self.attempt(lambda: referrals.update_referral(self.db, referral))
        else:
            saved = self.attempt(lambda: referrals.add_referral(self.db, referral, new_name))
        if saved is not None:
            self.finish(saved.progress.referral.id)

    @Slot()
    def delete(self) -> None:
        if self.existing is None:
            return
        existing = self.existing
        if self.confirm_and_delete(
            "Delete this referral?",
            "The referral and the record of feedback notes sent about it will be deleted. "
            "The person's own record stays.",
            lambda: referrals.delete_referral(self.db, existing.id),
        ):
            self.finish(existing.id, "deleted")
