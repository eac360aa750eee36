"""The Records menu's import and export, and the check that runs after unlocking."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.domain.roles import Role
from desktop_app.services.protection import users
from desktop_app.store import layout
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.common import messages, worker
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import unlock

LEAD_PASSPHRASE = "lead passphrase here"
PAGE = 4096


def _pages_on_disk(db: Database) -> list[bytes]:
    db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    data = layout.db_file(db.folder).read_bytes()
    return [data[at : at + PAGE] for at in range(0, len(data), PAGE)]


def test_coordinator_sees_import_and_export_all(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    assert window.import_action.isVisible() and window.import_action.isEnabled()
    assert window.export_all_action.isVisible() and window.export_all_action.isEnabled()


def test_lead_cannot_reach_export_all(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    users.add_user(created.database, "Sam", Role.LEAD, LEAD_PASSPHRASE)
    created.database.close()
    unlock(qtbot, window, created.database.folder, LEAD_PASSPHRASE)
    assert window.import_action.isVisible()
    assert not window.export_all_action.isVisible()
    assert not window.export_all_action.isEnabled()


def test_damage_found_after_unlocking_is_reported(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    db = created.database
    with db.transaction() as conn:
        conn.execute("CREATE TABLE filler (body TEXT)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(400)])
    # A page of the filler table, not one the Home screen reads: found as a page that changes
    # when only the filler's rows do (where tables sit in the file depends on the schema).
    before = _pages_on_disk(db)
    with db.transaction() as conn:
        conn.execute("UPDATE filler SET body = ?", ("y" * 500,))
    after = _pages_on_disk(db)
    filler_pages = [n for n in range(1, len(after)) if n < len(before) and before[n] != after[n]]
    assert len(filler_pages) > 10
    db.close()
    data = bytearray(layout.db_file(db.folder).read_bytes())
    data[filler_pages[len(filler_pages) // 2] * PAGE + 700] ^= 0x01
    layout.db_file(db.folder).write_bytes(bytes(data))
    unlock(qtbot, window, db.folder)
    qtbot.waitUntil(lambda: not worker.running_tasks(), timeout=15_000)
    qtbot.waitUntil(lambda: any("damaged" in m.title for m in shown_messages), timeout=5_000)


def test_sound_database_gives_no_warning(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    shown_messages: list[messages.Shown],
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    qtbot.waitUntil(lambda: not worker.running_tasks(), timeout=15_000)
    assert not any("damaged" in m.title for m in shown_messages)
