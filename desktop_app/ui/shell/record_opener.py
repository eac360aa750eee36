"""What a screen asks of the window around it: open a record in its dialog.

Screens call these instead of making dialogs themselves, so that every dialog has the same
parent (and is closed on Lock) and every save refreshes every screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.ui.forms.record_picker import Choice


@runtime_checkable
class RecordOpener(Protocol):
    def open_session(self, session_id: str | None) -> None:
        """Open a session to change it, or (None) log a new one."""

    def log_session_with(
        self, held_on: date, kind: str, venue: str, attendees: Sequence[Choice]
    ) -> QDialog:
        """Log a new session from a register: its date, kind, venue and the people ticked."""

    def open_person(self, person_id: str | None) -> None:
        """Open a person's record, or (None) add a new person."""

    def open_volunteer(self, volunteer_id: str | None) -> None:
        """Open a volunteer's record, or (None) add a new volunteer."""

    def record_hours(self, volunteer_id: str | None) -> None:
        """Record time given by a volunteer (None: choose who in the dialog)."""

    def open_referral(self, referral_id: str | None) -> None:
        """Open a referral to change it, or (None) record a new one."""

    def open_concern(self, concern_id: str | None) -> None:
        """Open a safeguarding concern to change it, or (None) raise a new one."""

    def raise_concern(self, session_id: str | None = None, person_id: str | None = None) -> None:
        """Raise a new safeguarding concern about a session (saved), a person, or both."""


def opener_above(widget: QWidget) -> RecordOpener | None:
    """The record opener (the workspace) that `widget`'s window was opened from, if any: how a
    window opened from inside a record dialog opens other records the same way screens do."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, RecordOpener):
            return parent
        parent = parent.parentWidget()
    return None
