"""Contact details in a record form: a phone number, an email address and how they prefer to
be contacted, each with its problem beside it.

A person's are usable only while they agree to be contacted by the group: otherwise the fields
are disabled, a note says why, and the form hands back no contact details (saving removes any
kept before). A volunteer's are always usable.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from desktop_app.domain.contact_details import NO_CONTACT_DETAILS, ContactDetails
from desktop_app.domain.vocabularies import CONTACT_PREFERENCE
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.vocabulary_combo import VocabularyCombo

NOT_AGREED = (
    "Only kept while they agree to be contacted by the group. To add them, tick “Being "
    "contacted by the group” under Consent."
)
REMOVED_ON_SAVE = (
    "Without their agreement to be contacted by the group, these details are not kept: saving "
    "removes them."
)


class ContactFields(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__("Contact details", parent)
        self._allowed = True
        self.phone = QLineEdit()
        self.phone.setAccessibleName("Phone")
        self.phone.setPlaceholderText("Like 07700 900123")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email")
        self.email.setPlaceholderText("Like name@example.org")
        self.preferred = VocabularyCombo(
            CONTACT_PREFERENCE, "How they prefer to be contacted", any_label="Not said"
        )
        self.why_not = note("")
        self.why_not.hide()
        form = QFormLayout(self)
        add_row(form, "Phone:", self.phone, errors.label("phone", "the phone number"))
        add_row(form, "Email:", self.email, errors.label("email", "the email address"))
        add_row(
            form,
            "&Keep in touch by:",
            self.preferred,
            errors.label("preferred_contact", "how to contact them"),
        )
        form.addRow(self.why_not)

    def load(self, contact: ContactDetails) -> None:
        self.phone.setText(contact.phone)
        self.email.setText(contact.email)
        self.preferred.set_code(contact.preferred or None)

    def entered(self) -> ContactDetails:
        """What the fields hold, whether or not it may be kept."""
        return ContactDetails(self.phone.text(), self.email.text(), self.preferred.code() or "")

    def contact(self) -> ContactDetails:
        """The contact details to save: none while they may not be kept."""
        return self.entered() if self._allowed else NO_CONTACT_DETAILS

    def set_allowed(self, allowed: bool) -> None:
        """Usable, or disabled with a note saying why (and that saving removes what is shown)."""
        self._allowed = allowed
        for field in (self.phone, self.email, self.preferred):
            field.setEnabled(allowed)
        if not allowed:
            self.why_not.setText(NOT_AGREED if self.entered().is_empty() else REMOVED_ON_SAVE)
        self.why_not.setVisible(not allowed)
