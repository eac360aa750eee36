"""What an unlocked database shows: the section list on the left, the current screen on the right.

The whole workspace is thrown away when the database is locked, so no widget that ever showed a
record outlives the unlock. Screens are built the first time they are shown. Record dialogs are
opened here (`RecordOpener`), as children of the workspace, so they go with it, and every save
refreshes every screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from desktop_app.domain.drafts import Draft
from desktop_app.services.find import Found
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.screen_fit import scrolling
from desktop_app.ui.forms.form_state import has_opening_state, remember_opening_state, restore
from desktop_app.ui.forms.record_dialog import RecordDialog
from desktop_app.ui.forms.record_picker import Choice
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.referrals.referral_dialog import ReferralDialog
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.shell.draft_forms import form_for, kept_form
from desktop_app.ui.shell.section import Section
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog

if TYPE_CHECKING:
    from desktop_app.ui.shell.find_window import FindWindow


@runtime_checkable
class ShowsRecords(Protocol):
    def records_changed(self) -> None: ...


@runtime_checkable
class HoldsUnsavedChanges(Protocol):
    """A screen with a Save button of its own (Settings)."""

    def has_unsaved_changes(self) -> bool: ...

    def save(self) -> bool: ...

    def discard_changes(self) -> None: ...


class Workspace(QWidget):
    section_changed = Signal(int)
    record_saved = Signal(str)  # what happened, for the status bar ("Session saved.")
    settings_saved = Signal()  # a screen changed settings the window uses

    def __init__(self, db: Database, sections: list[Section], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.sections = sections
        self._screens: dict[int, QWidget] = {}
        self._scrolled: dict[int, QScrollArea] = {}  # each screen scrolls when it must
        self._stale: set[int] = set()
        self._find: FindWindow | None = None
        self._shown = -1
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        # Where the keyboard is must show: a clear outline while the list has the focus.
        self.nav.setStyleSheet("QListWidget:focus { border: 2px solid palette(highlight); }")
        self.nav.setSpacing(max(2, self.fontMetrics().lineSpacing() // 4))
        self.nav.addItems([section.title for section in sections])
        width = max(self.nav.fontMetrics().horizontalAdvance(s.title) for s in sections)
        self.nav.setFixedWidth(width + self.nav.fontMetrics().averageCharWidth() * 8)
        self.pages = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.nav.currentRowChanged.connect(self._show)
        self.nav.setCurrentRow(0)

    # Sections ------------------------------------------------------------------------------

    def screen_at(self, index: int) -> QWidget:
        """The screen of section `index`, built on first use."""
        if index not in self._screens:
            screen = self.sections[index].make(self.db, self)
            screen.setAccessibleName(self.sections[index].title)
            saved = getattr(screen, "settings_saved", None)
            if saved is not None:
                saved.connect(self.settings_saved)
            self._screens[index] = screen
            if not has_opening_state(screen):  # kept as a draft on lock only once changed
                remember_opening_state(screen)
            self._scrolled[index] = scrolling(screen)
            self.pages.addWidget(self._scrolled[index])
        return self._screens[index]

    def show_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self.screen_at(self.current_index).setFocus()  # not `index` if the user stayed

    @property
    def current_index(self) -> int:
        return self.nav.currentRow()

    @Slot(int)
    def _show(self, index: int) -> None:
        if index < 0 or index == self._shown:
            return
        if not self._may_leave(self._shown):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._shown)
            self.nav.blockSignals(False)
            return
        self._shown = index
        screen = self.screen_at(index)
        if index in self._stale and isinstance(screen, ShowsRecords):
            screen.records_changed()
        self._stale.discard(index)
        self.pages.setCurrentWidget(self._scrolled[index])
        self.section_changed.emit(index)

    def _may_leave(self, index: int) -> bool:
        """Leaving a screen with unsaved changes asks first: save them, discard them or stay."""
        screen: object = self._screens.get(index)
        if not isinstance(screen, HoldsUnsavedChanges) or not screen.has_unsaved_changes():
            return True
        what = self.sections[index].title.lower()
        answer = messages.save_discard_or_stay(
            self,
            f"Save your changes to the {what}?",
            f"You changed the {what} but did not save them. Save the changes, discard them, "
            f"or stay on {self.sections[index].title}?",
        )
        if answer == "save":
            return screen.save()
        if answer == "discard":
            screen.discard_changes()
            return True
        return False

    def records_changed(self) -> None:
        """Records were added or changed: refresh the screen in view, the others when shown."""
        for index, screen in self._screens.items():
            if index == self.current_index and isinstance(screen, ShowsRecords):
                screen.records_changed()
            else:
                self._stale.add(index)

    # Opening records -----------------------------------------------------------------------

    def find_anything(self) -> None:
        from desktop_app.ui.shell.find_window import FindWindow

        if self._find is None:
            self._find = FindWindow(self.db, self.open_found, self)
        self._find.start_again()

    def open_found(self, found: Found) -> None:
        opens = {
            "person": self.open_person,
            "volunteer": self.open_volunteer,
            "session": self.open_session,
        }
        opens[found.kind](found.id)

    def open_session(self, session_id: str | None) -> None:
        self._open(SessionDialog(self.db, session_id, self))

    def log_session_with(
        self, held_on: date, kind: str, venue: str, attendees: Sequence[Choice]
    ) -> SessionDialog:
        """A new session form filled in from a register: its date, kind, venue and the people
        ticked. Closing it unsaved asks first, as for anything typed."""
        dialog = SessionDialog(self.db, None, self)
        remember_opening_state(dialog)
        dialog.kind.set_code(kind)  # brings the group's last facilitators, time and length
        dialog.date.set_value(held_on)
        dialog.venue.setEditText(venue)
        dialog.attendees.set_choices(attendees)
        self._open(dialog, remember=False)
        return dialog

    def open_person(self, person_id: str | None) -> None:
        self._open(PersonDialog(self.db, person_id, self))

    def open_volunteer(self, volunteer_id: str | None) -> None:
        self._open(VolunteerDialog(self.db, volunteer_id, self))

    def record_hours(self, volunteer_id: str | None) -> None:
        self._open(HoursDialog(self.db, volunteer_id, self))

    def open_referral(self, referral_id: str | None) -> None:
        self._open(ReferralDialog(self.db, referral_id, self))

    def open_concern(self, concern_id: str | None) -> None:
        try:
            dialog = ConcernDialog(self.db, concern_id, self)
        except StoreError as error:  # not one this user may open, or gone
            messages.show_error(self, "The concern cannot be opened", str(error))
            return
        self._open(dialog)

    def raise_concern(self, session_id: str | None = None, person_id: str | None = None) -> None:
        """A new concern about a session (just saved) or a person."""
        self._open(ConcernDialog(self.db, None, self, session_id=session_id, person_id=person_id))

    def open_dialogs(self) -> list[RecordDialog]:
        return [d for d in self.findChildren(RecordDialog) if d.isVisible()]

    def open_draft(self, draft: Draft) -> None:
        """Show a draft kept at the last lock in its form again (StoreError: its record has
        gone meanwhile). A screen's draft (Settings) goes back into its screen, unsaved."""
        section = kept_form(draft.kind).section
        if section:
            titles = [s.title for s in self.sections]
            if section in titles:  # the window goes back to the screen in use, as it was
                restore(self.screen_at(titles.index(section)), draft.fields)
            return
        form = form_for(self.db, draft, self)
        if isinstance(form, RecordDialog):
            self._open(form, remember=False)
        else:
            form.accepted.connect(self.records_changed)
            form.finished.connect(lambda _result: form.deleteLater())
            form.open()

    def _open(self, dialog: RecordDialog, remember: bool = True) -> None:
        if remember:
            remember_opening_state(dialog)
        before = QApplication.focusWidget()
        back_to = before if before is not None and before.window() is self.window() else None
        dialog.saved.connect(lambda _id: self._after_save(dialog.outcome))
        dialog.finished.connect(lambda _result: self._closed(dialog, back_to))
        dialog.open()

    def _closed(self, dialog: RecordDialog, back_to: QWidget | None) -> None:
        """Give the keyboard back to where it was before the dialog opened."""
        dialog.deleteLater()
        target = back_to if back_to is not None and shiboken6.isValid(back_to) else self.nav
        if target.isVisible():
            self.window().activateWindow()
            target.setFocus()

    def _after_save(self, outcome: str) -> None:
        self.records_changed()
        self.record_saved.emit(outcome)
