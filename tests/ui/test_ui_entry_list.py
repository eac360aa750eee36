"""A form's list of entries (training done, actions on a concern): Delete removes the selected
one only when it may go (an action already saved with its concern stays)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.safeguarding import ConcernAction
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.safeguarding.action_fields import ActionFields


def test_delete_removes_an_action_not_yet_saved_and_keeps_a_saved_one(qtbot: QtBot) -> None:
    fields = ActionFields(FieldErrors("the concern"))
    qtbot.addWidget(fields)
    saved = ConcernAction(date(2026, 12, 1), "Rang the lead", "Jo", created_at="2026-12-01")
    fields.load((saved,))
    fields.what.setText("Wrote to the GP")
    fields.add_entered()
    assert [a.what for a in fields.entered()] == ["Rang the lead", "Wrote to the GP"]
    for row in (1, 0):  # the new one goes; the saved one stays
        fields.listed.setCurrentRow(row)
        qtbot.keyClick(fields.listed, Qt.Key.Key_Delete)
    assert [a.what for a in fields.entered()] == ["Rang the lead"]
