"""Which open forms become drafts when PeerLog locks, and building them again from a draft.

Record forms (session, person, volunteer, hours, case study) and the outcome form are kept when
they were changed since they opened; anything else open (a question, a viewer) is simply closed.
An outcome form or case study is kept under the person it is about; when it was correcting a
saved record, that record's id is among its fields (`RecordKey`), so it comes back correcting
the same record."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.domain.drafts import Draft, DraftKind
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.common.dialog_parts import RECORD_KEY_NAME as RECORD_KEY
from desktop_app.ui.common.form_state import changed_state, remember_opening_state, restore
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog

DRAFT_NOTE = " (kept as a draft when PeerLog locked)"


def _kind_and_record(form: QWidget) -> tuple[DraftKind, str] | None:
    if isinstance(form, PersonDialog):
        return DraftKind.PERSON, form.existing.id if form.existing else ""
    if isinstance(form, SessionDialog):
        return DraftKind.SESSION, form.existing.id if form.existing else ""
    if isinstance(form, VolunteerDialog):
        return DraftKind.VOLUNTEER, form.existing.id if form.existing else ""
    if isinstance(form, HoursDialog):
        return DraftKind.HOURS, form.existing.id if form.existing else ""
    if isinstance(form, OutcomeForm):
        return DraftKind.OUTCOME, form.person_id
    if isinstance(form, CaseStudyDialog):
        return DraftKind.CASE_STUDY, form.person_id
    return None


def drafts_of_open_forms(root: QWidget) -> list[Draft]:
    """A draft of every visible form under `root` that was changed since it opened."""
    found = []
    for form in root.findChildren(QDialog):
        target = _kind_and_record(form) if form.isVisible() else None
        state = changed_state(form) if target is not None else None
        if target is not None and state is not None:
            found.append(Draft(target[0], target[1], state, form.windowTitle()))
    return found


def form_for(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    """The form the draft came from, built again with the draft's values (not yet shown).
    Raises StoreError when its record has gone meanwhile."""
    record = draft.record_id or None
    form: QDialog
    if draft.kind is DraftKind.PERSON:
        form = PersonDialog(db, record, parent)
    elif draft.kind is DraftKind.SESSION:
        form = SessionDialog(db, record, parent)
    elif draft.kind is DraftKind.VOLUNTEER:
        form = VolunteerDialog(db, record, parent)
    elif draft.kind is DraftKind.HOURS:
        form = HoursDialog(db, None, parent, hours_id=record)
    elif draft.kind is DraftKind.CASE_STUDY:
        form = CaseStudyDialog(db, draft.record_id, _corrected(draft), parent)
    else:
        corrected = _corrected(draft)
        existing = outcomes.get_outcome(db, corrected) if corrected else None
        form = OutcomeForm(db, draft.record_id, parent, existing=existing)
    remember_opening_state(form)
    restore(form, draft.fields)
    form.setWindowTitle(form.windowTitle() + DRAFT_NOTE)
    return form


def _corrected(draft: Draft) -> str | None:
    """The saved record the form was correcting, if any."""
    return str(draft.fields.get(RECORD_KEY, "")) or None
