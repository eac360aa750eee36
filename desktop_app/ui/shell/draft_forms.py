"""The forms kept as drafts when PeerLog locks, and building them again after unlocking.

A kept form comes back after unlocking with everything that was typed or chosen in it. Only
forms changed since they opened are kept; anything else open (a question, a viewer) is closed.

To make a new dialog survive a lock, add one line to `KEPT_FORMS`:

    KeptForm(DraftKind.REFERRAL, ReferralDialog, _existing_id, _referral)

- the kind: a new member of `DraftKind` (domain/drafts.py) with its label there (the name a
  subject access request gives it);
- the dialog class (subclasses count too);
- `record_of(form)`: the id of the record the form is about, "" for a new one (a person's id
  when the form is about a person: erasure and subject access find the draft by it);
- `build(db, draft, parent)`: the same form again for the draft's record, not yet shown (raise
  StoreError when the record has gone meanwhile).

Nothing else is needed: `ui/common/form_state.py` finds every input widget by walking the form,
and a widget with its own kind of value (rows, chosen records) gives `draft_value()` and
`restore_draft_value()`. A dialog that should not be kept goes in `NOT_KEPT` with the reason;
tests/ui/test_ui_drafts.py fails for a dialog class in neither. A screen with a Save button
(Settings) or with choices (Returns) is kept the same way, naming its section: its opening state
is noted when the workspace builds it, and again whenever it calls `remember_opening_state`.

An outcome form or case study is kept under the person it is about; when it was correcting a
saved record, that record's id is among its fields (`RecordKey`), so it comes back correcting
the same record: `build` is given the whole draft for this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.domain.drafts import Draft, DraftKind
from desktop_app.services import outcomes, people
from desktop_app.store.database import Database
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.forms.dialog_parts import RECORD_KEY_NAME as RECORD_KEY
from desktop_app.ui.forms.form_state import changed_state, remember_opening_state, restore
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.erase_dialog import ErasePersonDialog
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.referrals.feedback_dialog import FeedbackDialog
from desktop_app.ui.referrals.referral_dialog import ReferralDialog
from desktop_app.ui.returns.returns_screen import ReturnsScreen
from desktop_app.ui.safeguarding.concern_dialog import SESSION_KEY, ConcernDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.settings.settings_dialogs import CustomMeasureDialog, ItemWordingDialog
from desktop_app.ui.settings.settings_screen import SettingsScreen
from desktop_app.ui.settings.users_dialog import UsersDialog
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog

DRAFT_NOTE = " (kept as a draft when PeerLog locked)"

Builder = Callable[[Database, Draft, QWidget], QDialog]  # the same form again, not yet shown


class KeptForm(NamedTuple):
    kind: DraftKind
    form_type: type[QWidget]
    record_of: Callable[[Any], str]
    build: Builder | None = None  # a dialog: how to make it again
    section: str = ""  # a screen: the title of its section


def _existing_id(form: Any) -> str:
    return form.existing.id if form.existing else ""


def _none(_form: Any) -> str:
    return ""


def _erasure(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    person = people.get_person(db, draft.record_id)
    return ErasePersonDialog(db, person.id, person.known_as, person.ref, parent)


def _custom_measure(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    code = draft.record_id
    return CustomMeasureDialog(db, parent, outcomes.measure(db, code) if code else None)


def _outcome_form(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    corrected = _corrected(draft)
    existing = outcomes.get_outcome(db, corrected) if corrected else None
    return OutcomeForm(db, draft.record_id, parent, existing=existing)


def _case_study(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    return CaseStudyDialog(db, draft.record_id, _corrected(draft), parent)


def _concern(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    """A new concern comes back about the same session (its label is not a field)."""
    if draft.record_id:
        return ConcernDialog(db, draft.record_id, parent)
    return ConcernDialog(
        db, None, parent, session_id=str(draft.fields.get(SESSION_KEY) or "") or None
    )


KEPT_FORMS = (
    KeptForm(
        DraftKind.PERSON,
        PersonDialog,
        _existing_id,
        lambda d, dr, p: PersonDialog(d, dr.record_id or None, p),
    ),
    KeptForm(
        DraftKind.SESSION,
        SessionDialog,
        _existing_id,
        lambda d, dr, p: SessionDialog(d, dr.record_id or None, p),
    ),
    KeptForm(
        DraftKind.VOLUNTEER,
        VolunteerDialog,
        _existing_id,
        lambda d, dr, p: VolunteerDialog(d, dr.record_id or None, p),
    ),
    KeptForm(
        DraftKind.HOURS,
        HoursDialog,
        _existing_id,
        lambda d, dr, p: HoursDialog(d, None, p, hours_id=dr.record_id or None),
    ),
    KeptForm(DraftKind.OUTCOME, OutcomeForm, lambda f: f.person_id, _outcome_form),
    KeptForm(DraftKind.CASE_STUDY, CaseStudyDialog, lambda f: f.person_id, _case_study),
    KeptForm(DraftKind.ERASURE, ErasePersonDialog, lambda f: f.person_id, _erasure),
    KeptForm(
        DraftKind.CUSTOM_MEASURE,
        CustomMeasureDialog,
        lambda f: f.measure.code if f.measure else "",
        _custom_measure,
    ),
    KeptForm(
        DraftKind.ITEM_WORDING, ItemWordingDialog, _none, lambda d, _dr, p: ItemWordingDialog(d, p)
    ),
    KeptForm(DraftKind.USERS, UsersDialog, _none, lambda d, _dr, p: UsersDialog(d, p)),
    KeptForm(
        DraftKind.REFERRAL,
        ReferralDialog,
        _existing_id,
        lambda d, dr, p: ReferralDialog(d, dr.record_id or None, p),
    ),
    KeptForm(
        DraftKind.FEEDBACK,
        FeedbackDialog,
        lambda f: f.row.progress.referral.id,
        lambda d, dr, p: FeedbackDialog(d, dr.record_id, p),
    ),
    KeptForm(DraftKind.CONCERN, ConcernDialog, _existing_id, _concern),
    KeptForm(DraftKind.SETTINGS, SettingsScreen, _none, section="Settings"),
    KeptForm(DraftKind.RETURN_CHOICES, ReturnsScreen, _none, section="Returns"),
)

NOT_KEPT = {
    "AboutDialog": "shows facts about PeerLog; nothing is typed",
    "AsksBeforeDiscarding": "the base of dialogs that ask before discarding, kept through them",
    "AuditDialog": "a viewer: its search is quickly typed again",
    "ChangePassphraseDialog": "holds only passphrases, which are never kept",
    "ChangesToCheckDialog": "two buttons for each change to check; nothing is typed",
    "CombineDialog": "members' returns, chosen again in a moment; it uses no database",
    "CrashDialog": "shown after a crash, outside the workspace",
    "ExportAllDialog": "only a folder is chosen, and the export is started at once",
    "FittedDialog": "the base of dialogs that fit the screen; each is listed by itself",
    "FindWindow": "a search, typed again in a moment; it shows names, so it goes at a lock",
    "HelpWindow": "help pages to read; nothing is typed",
    "FirstRunWizard": "before any database is open (nothing to lock)",
    "ImportDialog": "reads a file chosen again in a moment; nothing is typed",
    "MappingDialog": "part of an import, which is started again from its file",
    "PersonCaseStudies": "a list of a person's stories; each opens in its own form, which is kept",
    "PersonOutcomes": "a viewer of scores",
    "ProgressDialog": "shows progress; nothing is typed",
    "RecentlyDeletedWindow": "a list of deleted records to put back; nothing is typed",
    "RecordDialog": "the base of the record forms, kept through them",
    "RecoveryCodeDialog": "shows a recovery code once; it is never kept",
    "RecoveryDialog": "on the start screen, while locked",
    "RegisterDialog": "a group and a date chosen again in a moment (ticks lead to a session form)",
    "RedactionPreview": "shows a case study as a return will; nothing is typed",
    "RestoreDialog": "on the start screen, while locked",
    "StoryWindow": "a person's or volunteer's whole story to read; it shows records, so it goes",
    "SyncReportDialog": "says what a sync did; nothing is typed",
    "TaskDialog": "shows an import or export under way; nothing is typed",
    "TemplateQuestions": "an alliance's name and a version, typed again in a moment",
}


def kept_form(kind: DraftKind) -> KeptForm:
    return next(kept for kept in KEPT_FORMS if kept.kind is kind)


def _kept_as(form: QWidget) -> KeptForm | None:
    return next((kept for kept in KEPT_FORMS if isinstance(form, kept.form_type)), None)


def drafts_of_open_forms(root: QWidget) -> list[Draft]:
    """A draft of every open form under `root` (and of every screen with unsaved changes) that
    was changed since it opened or was last saved."""
    found = []
    for form in root.findChildren(QWidget):
        kept = _kept_as(form)
        if kept is None or (kept.build is not None and not form.isVisible()):
            continue
        state = changed_state(form)
        if state is not None:
            title = form.windowTitle() if kept.build is not None else kept.section
            found.append(Draft(kept.kind, kept.record_of(form), state, title))
    return found


def form_for(db: Database, draft: Draft, parent: QWidget) -> QDialog:
    """The dialog the draft came from, built again with the draft's values (not yet shown).
    Raises StoreError when its record has gone meanwhile."""
    build = kept_form(draft.kind).build
    assert build is not None, "a screen's draft goes back into the screen (see Workspace)"
    form = build(db, draft, parent)
    remember_opening_state(form)
    restore(form, draft.fields)
    form.setWindowTitle(form.windowTitle().removesuffix(DRAFT_NOTE) + DRAFT_NOTE)
    return form


def _corrected(draft: Draft) -> str | None:
    """The saved record the form was correcting, if any."""
    return str(draft.fields.get(RECORD_KEY, "")) or None
