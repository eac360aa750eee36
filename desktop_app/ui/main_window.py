"""PeerLog's one window: the start screen while locked, the workspace while a database is open.

Locking (Ctrl+L) closes every dialog, throws the workspace away with every widget that showed a
record, closes the database (forgetting its key) and goes back to the unlock prompt.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QWidget

from desktop_app.services import databases
from desktop_app.store.database import Database
from desktop_app.ui import worker
from desktop_app.ui.about_dialog import show_about
from desktop_app.ui.home_screen import HomeScreen
from desktop_app.ui.people_screen import PeopleScreen
from desktop_app.ui.session_dialog import SessionDialog
from desktop_app.ui.sessions_screen import SessionsScreen
from desktop_app.ui.start_screen import StartScreen
from desktop_app.ui.volunteers_screen import VolunteersScreen
from desktop_app.ui.workspace import Section, Workspace

log = logging.getLogger(__name__)

APP_TITLE = "PeerLog"
Shortcut = QKeySequence | QKeySequence.StandardKey | str


def sections() -> list[Section]:
    return [
        Section("Home", HomeScreen),
        Section("Sessions", SessionsScreen),
        Section("People", PeopleScreen),
        Section("Volunteers", VolunteersScreen),
    ]


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.workspace: Workspace | None = None
        self.start = StartScreen()
        self.start.unlocked.connect(self.show_database)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self._make_actions()
        self._make_menus()
        self._show_locked_state()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 150, metrics.height() * 40)

    # Actions and menus ---------------------------------------------------------------------

    def _action(self, text: str, shortcut: Shortcut | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip("Close the database and hide every record (Ctrl+L)")
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.about_action = self._action("&About PeerLog", None, lambda: show_about(self))
        self.log_session_action = self._action("&Log a session…", "Ctrl+N", self.log_session)
        self.log_session_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.add_person_action = self._action(
            "Add a &person…", None, lambda: self._open_record("person")
        )
        self.add_volunteer_action = self._action(
            "Add a &volunteer…", None, lambda: self._open_record("volunteer")
        )
        self.record_hours_action = self._action(
            "Record volunteer &hours…", None, lambda: self._open_record("hours")
        )
        self.go_actions = [
            self._action(
                f"&{section.title}",
                f"Ctrl+{index + 1}",
                lambda _checked=False, i=index: self.go_to(i),
            )
            for index, section in enumerate(sections())
        ]
        self.record_actions = [
            self.lock_action,
            self.log_session_action,
            self.add_person_action,
            self.add_volunteer_action,
            self.record_hours_action,
            *self.go_actions,
        ]

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        records_menu = self.menuBar().addMenu("&Records")
        self.unlocked_menus = [records_menu]
        records_menu.addActions(
            [
                self.log_session_action,
                self.add_person_action,
                self.add_volunteer_action,
                self.record_hours_action,
            ]
        )
        go_menu = self.menuBar().addMenu("&Go")
        go_menu.addActions(self.go_actions)
        self.unlocked_menus.append(go_menu)
        help_menu = self.menuBar().addMenu("H&elp")  # Alt+H and Alt+P are taken on some screens
        help_menu.addAction(self.about_action)

    @Slot()
    def go_to(self, index: int) -> None:
        if self.workspace is not None:
            self.workspace.show_section(index)

    @Slot()
    def log_session(self) -> None:
        """Ctrl+N, from anywhere: the one "Log a session" window (raised if already open)."""
        if self.workspace is None:
            return
        for dialog in self.workspace.open_dialogs():
            if isinstance(dialog, SessionDialog) and dialog.existing is None:
                dialog.raise_()
                dialog.activateWindow()
                return
        self.workspace.open_session(None)

    def _open_record(self, kind: str) -> None:
        if self.workspace is None:
            return
        if kind == "person":
            self.workspace.open_person(None)
        elif kind == "hours":
            self.workspace.record_hours(None)
        else:
            self.workspace.open_volunteer(None)

    # Unlocking and locking -----------------------------------------------------------------

    @Slot(object)
    def show_database(self, db: Database) -> None:
        if self.db is not None:
            self.lock()
        self.db = db
        self.workspace = Workspace(db, sections())
        self.workspace.record_saved.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        for action in self.record_actions:
            action.setEnabled(True)
        for menu in self.unlocked_menus:
            menu.menuAction().setVisible(True)
        organisation = db.setting("organisation_name", "") or ""
        self.setWindowTitle(f"{organisation} — {APP_TITLE}" if organisation else APP_TITLE)
        self.statusBar().showMessage("Unlocked. Press Ctrl+L to lock when you step away.")
        self.workspace.nav.setFocus()

    @Slot()
    def lock(self) -> None:
        """Close the database and remove everything that showed a record."""
        db, workspace = self.db, self.workspace
        if db is None or workspace is None:
            return
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        if worker.running_tasks():
            worker.cancel_all()
            worker.wait_for_tasks()
        self.stack.removeWidget(workspace)
        workspace.hide()
        workspace.setParent(None)
        workspace.deleteLater()
        self.workspace = None
        self.db = None
        folder = db.folder
        db.close()
        self._show_locked_state()
        self.start.refresh(select=folder)
        self.start.focus_passphrase()
        log.info("Locked")

    def _show_locked_state(self) -> None:
        self.stack.setCurrentWidget(self.start)
        for action in self.record_actions:
            action.setEnabled(False)
        for menu in self.unlocked_menus:  # nothing in them works while locked
            menu.menuAction().setVisible(False)
        self.setWindowTitle(APP_TITLE)
        self.statusBar().clearMessage()

    def open_folder(self, folder: Path) -> None:
        """Show the unlock prompt for `folder` (from `peerlog --db`)."""
        self.start.select_database(databases.database_folder(folder))
        self.start.focus_passphrase()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        worker.wait_for_tasks()
        super().closeEvent(event)
