"""The Referrals screen through the real main window: a referral received (a new person made
from it in one step), moved on with one keystroke, attendance turning it into a first session,
and a feedback note saved as a PDF; the journey ends by reading back what was stored. Also:
no feedback without consent, and a referral form left open when PeerLog locks comes back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.domain.referrals.pipeline import Stage
from desktop_app.domain.sessions import Session
from desktop_app.services import drafts, people, sessions, settings
from desktop_app.services.referrals import feedback
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import CreatedDatabase
from desktop_app.store.protection import audit_repo
from desktop_app.ui.common import messages
from desktop_app.ui.referrals.feedback_dialog import FeedbackDialog
from desktop_app.ui.referrals.referral_dialog import ReferralDialog
from desktop_app.ui.referrals.referrals_screen import ReferralsScreen
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import FileDialogAnswers, unlock
from tests.ui.widget_checks import mnemonic_clashes, unnamed_controls

CTRL = Qt.KeyboardModifier.ControlModifier


def _referrals_screen(qtbot: QtBot, window: MainWindow) -> ReferralsScreen:
    assert window.workspace is not None
    titles = [s.title for s in window.workspace.sections]
    window.go_actions[titles.index("Referrals")].trigger()
    screen = window.workspace.screen_at(window.workspace.current_index)
    assert isinstance(screen, ReferralsScreen)
    return screen


def _button(screen: ReferralsScreen, starting: str) -> QPushButton:
    (button,) = [b for b in screen.findChildren(QPushButton) if b.text().startswith(starting)]
    return button


def _open_dialog(window: MainWindow) -> ReferralDialog:
    assert window.workspace is not None
    (dialog,) = window.workspace.open_dialogs()
    assert isinstance(dialog, ReferralDialog)
    return dialog


def test_from_a_referral_received_to_a_feedback_note_saved(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    tmp_path: Path,
) -> None:
    settings.set_organisation_name(created.database, "Brightside Peer Support")
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    screen = _referrals_screen(qtbot, window)
    assert screen.model.total == 0

    _button(screen, "&Add a referral").click()
    dialog = _open_dialog(window)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert mnemonic_clashes(dialog) == {} and unnamed_controls(dialog) == []
    qtbot.keyClicks(dialog.person.search_box, "Tamsin Roe")
    qtbot.keyClick(dialog.person.search_box, Qt.Key.Key_Return)  # nobody matches: a new person
    dialog.source_kind.set_code("social_prescribing")
    qtbot.keyClicks(dialog.organisation, "Valley Health Partnership")
    qtbot.keyClicks(dialog.role, "Link worker")
    dialog.needs["loneliness"].setChecked(True)
    dialog.consent.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return, CTRL)
    assert screen.model.total == 1

    # One keystroke each: contact attempted, then contacted, today.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen.table.selectRow(0)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_M, CTRL)
    qtbot.keyClick(screen.table, Qt.Key.Key_M, CTRL)
    (row,) = screen.model.rows
    assert row.progress.stage is Stage.CONTACTED
    db = window.db
    assert db is not None
    sessions.log_session(
        db, Session(date.today(), "group", attendee_ids=(row.progress.referral.person_id,))
    )
    screen.records_changed()
    assert screen.model.rows[0].progress.stage is Stage.FIRST_SESSION

    out = tmp_path / "notes" / "Feedback.pdf"
    out.parent.mkdir()
    file_answers.answers.append(out)
    screen.table.selectRow(0)
    _button(screen, "Write feed&back").click()
    (note_form,) = [d for d in screen.findChildren(FeedbackDialog) if d.isVisible()]
    qtbot.waitUntil(note_form.isActiveWindow)
    assert mnemonic_clashes(note_form) == {} and unnamed_controls(note_form) == []
    qtbot.keyClicks(note_form.what_changed, "She has made two friends at the group.")
    with qtbot.waitSignal(note_form.saved):
        qtbot.keyClick(note_form.what_changed, Qt.Key.Key_Return, CTRL)

    # What was stored, read back through the services.
    stored = referrals.get_referral(db, row.progress.referral.id)
    person = people.get_person(db, stored.progress.referral.person_id)
    assert (person.known_as, person.referral_source) == ("Tamsin Roe", "social_prescribing")
    r = stored.progress.referral
    assert (r.organisation, r.referrer_role, r.needs) == (
        "Valley Health Partnership",
        "Link worker",
        ("loneliness",),
    )
    assert r.contact_attempted_on == r.contacted_on == date.today() == r.received_on
    assert stored.progress.first_session_on == date.today()
    (note,) = feedback.feedback_notes(db, r.id)
    assert note.what_changed == "She has made two friends at the group."
    assert note.support == "Group peer support (1 session)" and note.sessions_attended == 1
    text = " ".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "Feedback from Brightside Peer Support" in text and "made two friends" in text
    audited = [(e.action, e.record_kind) for e in audit_repo.all_entries(db.connection())]
    assert ("export", "feedback note") in audited and ("create", "person") in audited


def test_no_feedback_form_without_consent(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    db = created.database
    amara = people.add_person(db, people.Person("Amara K."))
    from desktop_app.domain.referrals.records import Referral

    referrals.add_referral(db, Referral(amara.id, date.today(), "gp_practice"))
    db.close()
    unlock(qtbot, window, db.folder)
    screen = _referrals_screen(qtbot, window)
    screen.table.selectRow(0)
    _button(screen, "Write feed&back").click()
    assert [d for d in screen.findChildren(FeedbackDialog) if d.isVisible()] == []
    assert "Amara K. has not agreed that the referrer may hear back" in shown_messages[-1].text


def test_a_referral_form_open_at_lock_comes_back_as_a_draft(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    visible_texts: Callable[[], str],
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    _referrals_screen(qtbot, window)
    assert window.workspace is not None
    window.workspace.open_referral(None)
    dialog = _open_dialog(window)
    qtbot.keyClicks(dialog.organisation, "Mill Lane Medical Centre")
    dialog.notes.setPlainText("Prefers a phone call after 4pm")
    window.lock()
    assert "Mill Lane" not in visible_texts()
    unlock(qtbot, window, created.database.folder)
    again = _open_dialog(window)
    assert again.organisation.text() == "Mill Lane Medical Centre"
    assert again.notes.toPlainText() == "Prefers a phone call after 4pm"
    assert "draft" in again.windowTitle()
    assert window.db is not None and drafts.my_drafts(window.db) == []
