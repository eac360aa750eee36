"""Write a case study from a person's record, or open one to read, correct or delete it.

A story is marked as agreed to share only as far as the person's consent in force allows; the
form says what their consent record says, and a refusal is shown beside the tick box. Returns
only ever hold a story with the names of everyone in PeerLog replaced by "[name]".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_studies import CaseStudy, sharing_note
from desktop_app.services import case_studies, people
from desktop_app.store.database import Database
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.dialog_parts import RecordKey
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.form_state import remember_opening_state
from desktop_app.ui.common.messages import UNDO
from desktop_app.ui.common.record_dialog import RecordDialog
from desktop_app.ui.common.text_styles import note


class CaseStudyDialog(RecordDialog):
    def __init__(
        self,
        db: Database,
        person_id: str,
        study_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("case study", study_id is not None, parent)
        self.db, self.person_id = db, person_id
        self.existing: CaseStudy | None = None
        person = people.get_person(db, person_id)
        self.person_name = person.known_as
        e = self.errors
        self.key = RecordKey(study_id, self)
        self.written_on = DateBox("Date written")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("A few words, like “Finding my feet again”")
        self.story = QPlainTextEdit()
        self.story.setAccessibleName("The story")
        self.story.setTabChangesFocus(True)
        self.story.setPlaceholderText(
            "In their words where you can. Leave out anything that could identify someone."
        )
        self.share = QCheckBox("They &agreed to this story being shared (anonymously) with funders")
        self.share.setAccessibleName("They agreed to this story being shared")
        self.consent_note = note(sharing_note(person.consent))

        form = QFormLayout()
        form.addRow("Whose story:", QLabel(f"{person.known_as} ({person.ref})"))
        add_row(form, "&Written on:", self.written_on, e.label("written_on", "the date"))
        add_row(form, "&Title:", self.title, e.label("title", "the title"))
        add_row(form, "St&ory:", self.story, e.label("text", "the story"))
        add_row(
            form,
            "Sharing:",
            self.share,
            e.label("consent_to_share", "sharing", also=("person_id",)),
            self.consent_note,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(e.general)
        layout.addLayout(self.buttons)
        if study_id is not None:
            self._load(study_id)
        self.title.setFocus()
        self._name_window()
        self.size_for(90, 30)
        remember_opening_state(self)  # a lock keeps the form as a draft only once changed

    def _name_window(self) -> None:
        if self.existing is None:
            self.setWindowTitle(f"Write a case study: {self.person_name}")
        else:
            self.setWindowTitle(f"Case study: {self.existing.title}")

    def _load(self, study_id: str) -> None:
        s = self.existing = case_studies.get_case_study(self.db, study_id)
        self.written_on.set_value(s.written_on)
        self.title.setText(s.title)
        self.story.setPlainText(s.text)
        self.share.setChecked(s.consent_to_share)

    def study_from_fields(self) -> CaseStudy:
        base = self.existing or CaseStudy(self.person_id, date.today(), "")
        return replace(
            base,
            written_on=self.written_on.value(),
            title=self.title.text(),
            text=self.story.toPlainText(),
            consent_to_share=self.share.isChecked(),
        )

    @Slot()
    def save(self) -> None:
        study = self.study_from_fields()
        if self.existing is None:
            saved = self.attempt(lambda: case_studies.add_case_study(self.db, study))
        else:
            saved = self.attempt(lambda: case_studies.update_case_study(self.db, study))
        if saved is not None:
            self.finish(saved.id)

    @Slot()
    def delete(self) -> None:
        s = self.existing
        if s is None:
            return
        if self.confirm_and_delete(
            "Delete this case study?",
            f"Delete “{s.title}”, {self.person_name}'s story? It will not be offered for "
            f"returns any more. {UNDO}",
            lambda: case_studies.delete_case_study(self.db, s.id),
        ):
            self.finish(s.id, "deleted")
