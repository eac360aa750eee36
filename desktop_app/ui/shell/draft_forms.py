"""Which open forms become drafts when PeerLog locks, and building them again from a draft.

Record forms (session, person, volunteer, hours) and the outcome form are kept when they were
changed since they opened; anything else open (a question, a viewer) is simply closed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.domain.drafts import Draft, DraftKind
from desktop_app.store.database import Database
from desktop_app.ui.common.form_state import changed_state, remember_opening_state, restore
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.referrals.referral_dialog import ReferralDialog
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
        return DraftKind.HOURS, ""
    if isinstance(form, OutcomeForm):
        return DraftKind.OUTCOME, form.person_id
    if isinstance(form, ReferralDialog):
        return DraftKind.REFERRAL, form.existing.id if form.existing else ""
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
        form = HoursDialog(db, None, parent)
    elif draft.kind is DraftKind.REFERRAL:
        form = ReferralDialog(db, record, parent)
    else:
        form = OutcomeForm(db, draft.record_id, parent)
    remember_opening_state(form)
    restore(form, draft.fields)
    form.setWindowTitle(form.windowTitle() + DRAFT_NOTE)
    return form
