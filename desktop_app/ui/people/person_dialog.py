"""Add a person, or open one to change, archive or erase their record."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.people import Person
from desktop_app.domain.roles import Permission
from desktop_app.domain.vocabularies import (
    DISABILITY,
    ETHNIC_GROUP,
    GENDER,
    NOT_RECORDED,
    REFERRAL_NOT_KNOWN,
    REFERRAL_SOURCE,
)
from desktop_app.services import people
from desktop_app.services.access import allowed
from desktop_app.store.database import Database
from desktop_app.ui.common.date_fields import OptionalDateBox, YearBox
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.record_dialog import RecordDialog
from desktop_app.ui.common.vocabulary_combo import VocabularyCombo
from desktop_app.ui.people.consent_fields import ConsentFields
from desktop_app.ui.people.erase_dialog import ErasePersonDialog
from desktop_app.ui.people.person_actions import PersonActions


class PersonDialog(RecordDialog):
    def __init__(
        self, db: Database, person_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("person", person_id is not None, parent)
        self.db = db
        self.existing: Person | None = None
        self.setWindowTitle("A person's record" if person_id else "Add a person")
        e = self.errors
        self.known_as = QLineEdit()
        self.known_as.setAccessibleName("Name they are known by")
        self.ref = QLineEdit()
        self.ref.setAccessibleName("Reference")
        self.ref.setPlaceholderText("Leave empty for PeerLog to make one")
        self.year_of_birth = YearBox("Year of birth")
        self.gender = VocabularyCombo(GENDER, "Gender", start=NOT_RECORDED)
        self.ethnic_group = VocabularyCombo(ETHNIC_GROUP, "Ethnic group", start=NOT_RECORDED)
        self.disability = VocabularyCombo(
            DISABILITY, "Disability or long-term condition", start=NOT_RECORDED
        )
        self.postcode = QLineEdit()
        self.postcode.setAccessibleName("Postcode district")
        self.postcode.setPlaceholderText("First half only, like BB1")
        self.referral = VocabularyCombo(
            REFERRAL_SOURCE, "How they came to the group", start=REFERRAL_NOT_KNOWN
        )
        self.first_contact = OptionalDateBox("First contact")
        self.first_contact.setToolTip(
            "The day this person first came to the group or was first in touch. Returns count "
            "them as new in the period holding this date, and records are kept for a time after "
            "their last contact."
        )
        self.consent = ConsentFields(e)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.archived = QCheckBox("&Archived: keep the history, but leave them out of lists")
        self.archived.setVisible(person_id is not None)

        about = QFormLayout()
        add_row(about, "&Name they are known by:", self.known_as, e.label("known_as", "name"))
        add_row(about, "&Reference:", self.ref, e.label("ref", "the reference"))
        add_row(about, "&Year of birth:", self.year_of_birth, e.label("year_of_birth", "year"))
        add_row(about, "&Gender:", self.gender, e.label("gender", "gender"))
        add_row(about, "&Ethnic group:", self.ethnic_group, e.label("ethnic_group", "group"))
        add_row(about, "Disa&bility:", self.disability, e.label("disability", "disability"))
        add_row(about, "&Postcode district:", self.postcode, e.label("postcode_district", "it"))
        add_row(about, "&Came to us by:", self.referral, e.label("referral_source", "source"))
        add_row(about, "&First contact:", self.first_contact, e.label("first_contact", "date"))
        right = QFormLayout()
        right.addRow(self.consent)
        add_row(right, "N&otes:", self.notes, e.label("notes", "the notes"))
        right.addRow(self.archived)
        self.record_actions: PersonActions | None = None
        if person_id is not None:
            self.record_actions = PersonActions(db, self._load(person_id))
            self.record_actions.recorded.connect(lambda: self.saved.emit(person_id))
        self.lay_out_columns(about, right, self._actions_row())
        if self.delete_button is not None:
            self.delete_button.setText("Erase this person…")
            self.delete_button.setVisible(allowed(db, Permission.ERASE))
        self.known_as.setFocus()
        self.size_for(140, 34)

    def _actions_row(self) -> QVBoxLayout | None:
        if self.record_actions is None:
            return None
        row = QVBoxLayout()
        row.addWidget(self.record_actions)
        return row

    def _load(self, person_id: str) -> Person:
        p = self.existing = people.get_person(self.db, person_id)
        self.known_as.setText(p.known_as)
        self.ref.setText(p.ref)
        self.year_of_birth.set_year(p.year_of_birth)
        self.gender.set_code(p.gender)
        self.ethnic_group.set_code(p.ethnic_group)
        self.disability.set_code(p.disability)
        self.postcode.setText(p.postcode_district)
        self.referral.set_code(p.referral_source)
        self.first_contact.set_value(p.first_contact)
        self.consent.load(p.consent)
        self.notes.setPlainText(p.notes)
        self.archived.setChecked(p.archived)
        return p

    def person_from_fields(self) -> Person:
        base = self.existing or Person(known_as="")
        return replace(
            base,
            known_as=self.known_as.text(),
            ref=self.ref.text(),
            year_of_birth=self.year_of_birth.year(),
            gender=self.gender.code() or "",
            ethnic_group=self.ethnic_group.code() or "",
            disability=self.disability.code() or "",
            postcode_district=self.postcode.text(),
            referral_source=self.referral.code() or "",
            first_contact=self.first_contact.value(),
            consent=self.consent.consent(),
            notes=self.notes.toPlainText(),
            archived=self.archived.isChecked(),
        )

    @Slot()
    def save(self) -> None:
        person = self.person_from_fields()
        if self.existing is None:
            saved = self.attempt(lambda: people.add_person(self.db, person))
        else:
            saved = self.attempt(lambda: people.update_person(self.db, person))
        if saved is not None:
            self.finish(saved.id)

    @Slot()
    def delete(self) -> None:
        """Erase, through `services.erasure`: their attendances become anonymous headcount."""
        p = self.existing
        if p is None:
            return
        confirm = ErasePersonDialog(self.db, p.id, p.known_as, p.ref, self)
        confirm.accepted.connect(lambda: self.finish(p.id, "erased"))
        confirm.finished.connect(lambda _result: confirm.deleteLater())
        confirm.open()
