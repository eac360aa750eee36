"""What a screen asks of the window around it: open a record in its dialog.

Screens call these instead of making dialogs themselves, so that every dialog has the same
parent (and is closed on Lock) and every save refreshes every screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QDialog

from desktop_app.ui.common.record_picker import Choice


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
