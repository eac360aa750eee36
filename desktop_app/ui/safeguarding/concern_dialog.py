"""A safeguarding concern: whom or which session it is about, when it was raised, its kind,
what happened, whom it was passed to, and the actions taken, added one by one with their dates.
"Mark resolved" saves it as resolved today, by the user signed in.

A peer support lead opens only the concerns they raised (the service refuses the others)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import Problem, long_date
from desktop_app.domain.safeguarding import Concern, ConcernRow, about_text
from desktop_app.domain.vocabularies import (
    CONCERN_KIND,
    NEW_CONCERN_KIND,
    NOT_RECORDED,
    SESSION_KIND,
)
from desktop_app.services import people, safeguarding, sessions
from desktop_app.store.database import Database
from desktop_app.ui.common.screen_fit import scrolling
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.forms.date_fields import DateBox
from desktop_app.ui.forms.dialog_parts import RecordKey
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import RecordDialog, plain_button
from desktop_app.ui.forms.record_picker import Choice, RecordPicker
from desktop_app.ui.forms.vocabulary_combo import VocabularyCombo
from desktop_app.ui.safeguarding.action_fields import ActionFields
from desktop_app.ui.sessions.session_choices import people_search

# The session a new concern is about, kept among its fields: a draft comes back about it.
SESSION_KEY = "Session the concern is about"
PASSED_TO_SUGGESTIONS = (
    "Our safeguarding lead",
    "Adult social care (local authority)",
    "Children's social care (local authority)",
    "Police",
    "Their GP practice",
    "Crisis team",
)


def session_words(db: Database, session_id: str) -> str:
    s = sessions.get_session(db, session_id)
    return f"{SESSION_KIND.label(s.kind)} session on {long_date(s.held_on)}"


class ConcernDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        concern_id: str | None = None,
        parent: QWidget | None = None,
        session_id: str | None = None,
        person_id: str | None = None,
    ) -> None:
        super().__init__("concern", editing=concern_id is not None, parent=parent)
        if self.delete_button is not None:  # a safeguarding record is kept, never deleted
            self.delete_button.hide()
        self.db = db
        self.row: ConcernRow | None = (
            safeguarding.get_concern(db, concern_id) if concern_id else None
        )
        self.existing: Concern | None = self.row.concern if self.row else None
        self.session_id = self.existing.session_id if self.existing else session_id
        self.setWindowTitle(
            f"Safeguarding concern about {about_text(self.row)}"
            if self.row
            else "Raise a safeguarding concern"
        )
        e = self.errors
        self.person = RecordPicker("the person it is about", people_search(db))
        self.person.chosen.setMaximumHeight(self.fontMetrics().lineSpacing() * 3)
        self.person.count.hide()
        self.session = QLabel(session_words(db, self.session_id) if self.session_id else "None")
        self.session.setAccessibleName("The session it is about")
        self.session.setWordWrap(True)
        self.session_key = RecordKey(self.session_id, self)
        self.session_key.setAccessibleName(SESSION_KEY)
        self.raised_on = DateBox("Date raised")
        unrecorded = self.existing is not None and self.existing.kind == NOT_RECORDED
        self.kind = VocabularyCombo(
            CONCERN_KIND if unrecorded else NEW_CONCERN_KIND, "Kind of concern", "Choose…"
        )
        self.what_happened = QPlainTextEdit()
        self.what_happened.setAccessibleName("What happened")
        self.what_happened.setTabChangesFocus(True)
        self.what_happened.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.what_happened.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.what_happened.setPlaceholderText(
            "What was seen or said, in their words where you can. Name only who it is about."
        )
        self.passed_to = QComboBox()
        self.passed_to.setEditable(True)
        self.passed_to.addItems(["", *PASSED_TO_SUGGESTIONS])
        self.passed_to.setAccessibleName("Passed to")
        self.action_fields = ActionFields(e)
        self.status = QLabel()
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.resolve_button = plain_button("Mark &resolved")
        self.resolve_button.setToolTip("Save the concern as resolved today, by you")
        self.resolve_button.clicked.connect(self.mark_resolved)
        self.buttons.insertWidget(0, self.resolve_button)

        # One column: at 150 % text a laptop screen has no room for two; it scrolls instead.
        form = QFormLayout()
        add_row(form, "About &whom:", self.person, e.label("person_id", "whom it is about"))
        form.addRow("Session:", self.session)
        add_row(form, "Raised &on:", self.raised_on, e.label("raised_on", "the date"))
        add_row(form, "&Kind:", self.kind, e.label("kind", "the kind"))
        add_row(
            form, "What &happened:", self.what_happened, e.label("what_happened", "what happened")
        )
        add_row(form, "&Passed to:", self.passed_to, e.label("passed_to", "whom it was passed to"))
        form.addRow("Actions taken:", self.action_fields)
        form.addRow("Status:", self.status)
        form.addRow("", e.label("resolved_on", "the resolved date"))
        form.addRow("", note("Only a coordinator and whoever raised it can see a concern."))
        body = QWidget()
        body.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.buttons)
        if self.row is not None:
            self._load(self.row)
        elif person_id is not None:
            self._choose_person(person_id)
        self._show_status()
        (self.what_happened if self.row is None and self.session_id else self.person).setFocus()
        self.size_for(90, 40)

    def _choose_person(self, person_id: str) -> None:
        p = people.get_person(self.db, person_id)
        self.person.set_choices([Choice(p.id, p.known_as, p.ref)])

    def _load(self, row: ConcernRow) -> None:
        c = row.concern
        if c.person_id:
            self.person.set_choices([Choice(c.person_id, row.person_name, row.person_ref)])
        self.raised_on.set_value(c.raised_on)
        self.kind.set_code(c.kind)
        self.what_happened.setPlainText(c.what_happened)
        self.passed_to.setEditText(c.passed_to)
        self.action_fields.load(c.actions)

    def _show_status(self) -> None:
        c = self.existing
        if c is None or c.resolved_on is None:
            self.status.setText("Open: not yet resolved.")
            return
        self.status.setText(f"Resolved on {long_date(c.resolved_on)}.")
        self.resolve_button.setEnabled(False)

    def concern(self) -> Concern:
        chosen = self.person.choices()
        fields = dict(
            person_id=chosen[0].id if len(chosen) == 1 else None,
            session_id=self.session_id,
            raised_on=self.raised_on.value(),
            kind=self.kind.code() or "",
            what_happened=self.what_happened.toPlainText(),
            passed_to=self.passed_to.currentText(),
            actions=self.action_fields.entered(),
        )
        if self.existing is not None:
            return replace(self.existing, **fields)  # type: ignore[arg-type]
        return Concern(**fields)  # type: ignore[arg-type]

    @Slot()
    def save(self) -> None:
        self._save(self.concern())

    @Slot()
    def mark_resolved(self) -> None:
        self._save(replace(self.concern(), resolved_on=date.today()))

    def _save(self, concern: Concern) -> None:
        if len(self.person.choices()) > 1:
            self.person_error_too_many()
            return
        if self.existing is not None:
            saved = self.attempt(lambda: safeguarding.update_concern(self.db, concern))
        else:
            saved = self.attempt(lambda: safeguarding.raise_concern(self.db, concern))
        if saved is not None:
            self.finish(saved.concern.id)

    def person_error_too_many(self) -> None:
        self.errors.show([Problem("person_id", "Choose one person: a concern is about one.")])

    @Slot()
    def delete(self) -> None:
        """Concerns are not deleted: a safeguarding record is kept."""
