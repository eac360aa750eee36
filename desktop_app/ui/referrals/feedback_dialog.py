"""Write the note back to the referrer: what support they had and what changed, in plain words;
wellbeing scores only when the person agreed. Ctrl+Enter saves it as a PDF. Without the
person's consent there is no note: PeerLog says so instead of opening the form."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from desktop_app.domain.referrals.feedback import FeedbackNote, attendance_text, refusal
from desktop_app.services.referrals import feedback
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import Database
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import RecordDialog


def open_feedback(db: Database, referral_id: str, parent: QWidget) -> FeedbackDialog | None:
    """The feedback form for a referral, or (without consent) a plain refusal and None."""
    row = referrals.get_referral(db, referral_id)
    no_consent = refusal(row.progress.referral, row.person_name)
    if no_consent is not None:
        messages.warn(parent, "No feedback without their agreement", no_consent.message)
        return None
    return FeedbackDialog(db, referral_id, parent)


class FeedbackDialog(RecordDialog):
    def __init__(self, db: Database, referral_id: str, parent: QWidget | None = None) -> None:
        super().__init__("feedback note", editing=False, parent=parent)
        self.db = db
        self.row = referrals.get_referral(db, referral_id)
        self.note = feedback.new_note(db, referral_id)
        self.saved_note: FeedbackNote | None = None
        self.setWindowTitle(f"Feedback to the referrer about {self.row.person_name}")
        self.save_button.setText("&Save as PDF…")
        self.save_button.setToolTip("Save the note as a PDF to print or send (Ctrl+Enter)")
        e = self.errors
        attended = QLabel(attendance_text(self.row.progress))
        attended.setWordWrap(True)
        attended.setAccessibleName("Did they attend")
        self.support = QPlainTextEdit(self.note.support)
        self.support.setAccessibleName("What support they had")
        self.support.setTabChangesFocus(True)
        self.what_changed = QPlainTextEdit()
        self.what_changed.setAccessibleName("What changed for them")
        self.what_changed.setPlaceholderText("In their words where you can: what is different now")
        self.what_changed.setTabChangesFocus(True)
        self.scores = QCheckBox("Include their &wellbeing scores")
        agreed = self.row.progress.referral.share_scores
        self.scores.setChecked(agreed)
        self.scores.setEnabled(agreed)
        if not agreed:
            self.scores.setToolTip("They did not agree to their scores being shared")
        form = QFormLayout(self)
        form.addRow("Did they attend?", attended)
        add_row(form, "What support they &had:", self.support, e.label("support", "the support"))
        add_row(form, "What &changed for them:", self.what_changed, e.label("what_changed", "it"))
        form.addRow("", self.scores)
        form.addRow(e.general)
        form.addRow(self.buttons)
        self.what_changed.setFocus()
        self.size_for(90, 24)

    def current_note(self) -> FeedbackNote:
        return replace(
            self.note,
            support=self.support.toPlainText(),
            what_changed=self.what_changed.toPlainText(),
            scores_included=self.scores.isChecked(),
        )

    @Slot()
    def save(self) -> None:
        suggested = Path.home() / f"Feedback {self.row.person_ref}.pdf"
        path = file_dialogs.choose_save_file(
            self, "Save the feedback note", suggested, "PDF documents (*.pdf)"
        )
        if path is None:
            return
        out = path if path.suffix.lower() == ".pdf" else Path(f"{path}.pdf")
        note = self.current_note()
        saved = self.attempt(lambda: feedback.write_feedback(self.db, note, out))
        if saved is not None:
            self.saved_note = saved
            self.finish(saved.id)

    @Slot()
    def delete(self) -> None:
        """A new note: nothing to delete."""
