"""A person's consent: when and how it was given, and to what. Changing it adds a new record to
their consent history (the latest is the one in force); the old ones are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QWidget

from desktop_app.domain.people import Consent
from desktop_app.domain.vocabularies import CONSENT_METHOD
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.field_error import FieldErrors
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.vocabulary_combo import VocabularyCombo


class ConsentFields(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__("Consen&t recorded", parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.setAccessibleName("Consent recorded")
        self._loaded: Consent | None = None
        self.recorded_on = DateBox("Consent given on")
        self.method = VocabularyCombo(CONSENT_METHOD, "How consent was given", any_label="Choose…")
        self.keep_data = QCheckBox("Keeping their information in PeerLog")
        self.be_contacted = QCheckBox("Being contacted by the group")
        self.share_story = QCheckBox("Sharing their story (anonymously) with funders")
        form = QFormLayout(self)
        add_row(form, "&When given:", self.recorded_on, errors.label("consent.recorded_on", "date"))
        add_row(form, "&How:", self.method, errors.label("consent.method", "how it was given"))
        form.addRow("They agreed to:", self.keep_data)
        form.addRow("", self.be_contacted)
        form.addRow("", self.share_story)
        form.addRow("", errors.label("consent.agreed", "what they agreed to"))

    def load(self, consent: Consent | None) -> None:
        self._loaded = consent
        self.setChecked(consent is not None)
        if consent is not None:
            self.recorded_on.set_value(consent.recorded_on)
            self.method.set_code(consent.method)
            self.keep_data.setChecked(consent.keep_data)
            self.be_contacted.setChecked(consent.be_contacted)
            self.share_story.setChecked(consent.share_story)

    def consent(self) -> Consent | None:
        """The consent in force as entered: the loaded record when unchanged, else a new one."""
        if not self.isChecked():
            return self._loaded  # consent history is never removed from here
        entered = Consent(
            recorded_on=self.recorded_on.value(),
            method=self.method.code() or "",
            keep_data=self.keep_data.isChecked(),
            be_contacted=self.be_contacted.isChecked(),
            share_story=self.share_story.isChecked(),
        )
        loaded = self._loaded
        if loaded is not None and _edited_parts(entered) == _edited_parts(loaded):
            return loaded
        return entered


def _edited_parts(consent: Consent) -> tuple[object, ...]:
    """What this form edits; the notice version and withdrawals are kept by the services."""
    return (
        consent.recorded_on,
        consent.method,
        consent.keep_data,
        consent.be_contacted,
        consent.share_story,
    )
