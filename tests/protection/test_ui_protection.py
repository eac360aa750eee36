"""The protection widgets, driven by qtbot over a real encrypted database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.protection.users import User
from desktop_app.services import people, sessions
from desktop_app.services.protection import users
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound
from desktop_app.ui.people.erase_dialog import ErasePersonDialog
from desktop_app.ui.settings.audit_viewer import AuditViewer
from desktop_app.ui.settings.users_dialog import UsersDialog
from tests.protection.conftest import Records


def test_erase_needs_the_reference_typed(qtbot: QtBot, db: Database, records: Records) -> None:
    person = records.person
    dialog = ErasePersonDialog(db, person.id, person.known_as, person.ref)
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.typed_ref, "P-9")
    assert not dialog.erase_button.isEnabled()
    dialog.typed_ref.setText(person.ref.lower())
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    try:
        people.get_person(db, person.id)
        raise AssertionError("the person should be gone")
    except RecordNotFound:
        pass
    assert sessions.get_session(db, records.session.id).attendance == 4


def test_a_lead_sees_why_they_cannot_erase(qtbot: QtBot, lead_db: Database) -> None:
    from desktop_app.domain.people import Person

    person = people.add_person(lead_db, Person("Someone"))
    dialog = ErasePersonDialog(lead_db, person.id, person.known_as, person.ref)
    qtbot.addWidget(dialog)
    dialog.typed_ref.setText(person.ref)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert "peer support lead cannot erase" in dialog.problem.text()
    assert not dialog.problem.isHidden()
    assert people.get_person(lead_db, person.id).known_as == "Someone"


def test_users_dialog_adds_and_removes(qtbot: QtBot, db: Database) -> None:
    dialog = UsersDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "(you)" in dialog.list.item(0).text()
    qtbot.keyClicks(dialog.name, "Kim")
    qtbot.keyClicks(dialog.passphrase, "kim has a long passphrase")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Coordinator (you) · Coordinator",
        "Kim · Peer support lead",
    ]
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "cannot remove yourself" in dialog.problem.text()
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1 and dialog.problem.isHidden()
    assert [u.name for u in users.list_users(db)] == ["Coordinator"]


def test_users_dialog_is_read_only_for_a_lead(qtbot: QtBot, lead_db: Database, lead: User) -> None:
    dialog = UsersDialog(lead_db)
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.list.count() == 2
    assert lead.role is Role.LEAD


def test_audit_viewer_filters_and_exports(
    qtbot: QtBot, db: Database, records: Records, tmp_path: Path
) -> None:
    out = tmp_path / "trail.csv"
    viewer = AuditViewer(db, lambda: out)
    qtbot.addWidget(viewer)
    everything = viewer.table.rowCount()
    assert everything >= 5 and "whole" in viewer.status.text()
    viewer.action.setCurrentIndex(viewer.action.findData(Action.CREATE.value))
    viewer.record.setText(records.person.id)
    viewer.refresh()
    assert viewer.table.rowCount() == 1
    assert viewer.table.item(0, 1).text() == "Coordinator"
    assert viewer.table.item(0, 4).text() == records.person.id
    qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
    assert "Exported 1 entry to" in viewer.status.text()
    assert records.person.id in out.read_text(encoding="utf-8")


def test_audit_viewer_refuses_a_lead(qtbot: QtBot, lead_db: Database, tmp_path: Path) -> None:
    viewer = AuditViewer(lead_db, lambda: tmp_path / "x.csv")
    qtbot.addWidget(viewer)
    assert viewer.table.rowCount() == 0
    assert "cannot view and export the audit trail" in viewer.status.text()
    assert not viewer.export_button.isEnabled()
