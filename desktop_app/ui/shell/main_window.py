"""PeerLog's one window: the start screen while locked, the workspace while a database is open.

Locking (Ctrl+L) closes every dialog, throws the workspace away with every widget that showed a
record, closes the database (forgetting its key) and goes back to the unlock prompt.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from desktop_app.domain.protection.roles import Permission
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages, worker
from desktop_app.ui.common.screen_fit import fit_on_screen, resize_within_screen
from desktop_app.ui.shell.auto_lock import IdleLock
from desktop_app.ui.shell.section import Section, screen
from desktop_app.ui.start.start_screen import StartScreen

if TYPE_CHECKING:
    from desktop_app.store.database import Database
    from desktop_app.ui.common.list_out import Output
    from desktop_app.ui.shell.help_window import HelpKey, HelpWindow
    from desktop_app.ui.shell.workspace import Workspace
    from desktop_app.ui.sync.sync_actions import SyncActions

log = logging.getLogger(__name__)

APP_TITLE = "PeerLog"
Shortcut = QKeySequence | QKeySequence.StandardKey | str


def sections() -> list[Section]:
    return [
        Section("Home", screen("home.home_screen", "HomeScreen")),
        Section("Sessions", screen("sessions.sessions_screen", "SessionsScreen")),
        Section("People", screen("people.people_screen", "PeopleScreen")),
        Section("Referrals", screen("referrals.referrals_screen", "ReferralsScreen")),
        Section("Safeguarding", screen("safeguarding.concerns_screen", "ConcernsScreen")),
        Section("Volunteers", screen("volunteers.volunteers_screen", "VolunteersScreen")),
        Section(
            "Settings",
            screen("settings.settings_screen", "SettingsScreen"),
            Permission.CHANGE_SETTINGS,
        ),
        Section(
            "Returns", screen("returns.returns_screen", "ReturnsScreen"), Permission.EXPORT_RETURNS
        ),
    ]


def _sync_actions(window: MainWindow) -> SyncActions:
    from desktop_app.ui.sync.sync_actions import SyncActions

    def where() -> tuple[Database, QWidget] | None:
        if window.db is None or window.workspace is None:
            return None
        return window.db, window.workspace

    def records_changed() -> None:
        if window.workspace is not None:
            window.workspace.records_changed()

    return SyncActions(where, window.statusBar().showMessage, records_changed, window)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.workspace: Workspace | None = None
        self._resume: tuple[Path, int] | None = None  # the screen to go back to after unlock
        self.idle = IdleLock(self)
        self.help_window: HelpWindow | None = None
        self._help_key: HelpKey | None = None
        self.idle.lock_now.connect(self.lock_by_itself)
        self._syncing: SyncActions | None = None
        self.start = StartScreen()
        self.start.unlocked.connect(self.show_database)
        self.start.combine_requested.connect(self.combine_returns)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self._make_actions()
        self._make_menus()
        self._show_locked_state()
        self._size_to_screen()

    def _size_to_screen(self) -> None:
        """The size it had last time, or a roomy one, never more than the screen: the screens
        lay out (or scroll) within it, so it keeps its size from screen to screen."""
        from desktop_app.ui.start.recent_databases import window_size

        metrics = self.fontMetrics()
        width, height = window_size() or (
            metrics.averageCharWidth() * 240,
            metrics.height() * 60,
        )
        resize_within_screen(self, width, height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            fit_on_screen(self)
        if self._help_key is None:  # after the first paint: an application filter slows start-up
            QtCore.QTimer.singleShot(0, self._install_help_key)

    @property
    def syncing(self) -> SyncActions:
        """Sync between laptops (made at the first unlock, not while PeerLog starts)."""
        if self._syncing is None:
            self._syncing = _sync_actions(self)
        return self._syncing

    # Actions and menus ---------------------------------------------------------------------

    def _action(self, text: str, shortcut: Shortcut | None, slot: object | None) -> QAction:
        action = QAction(text, self)
        # setShortcuts, not setShortcut: PySide resolves setShortcut's overloads by building
        # every enum of Qt's namespace (17-25 ms of start-up, measured).
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # each key the system gives it (Ctrl+Q, and others)
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock)
        self.lock_action.setToolTip("Close the database and hide every record (Ctrl+L)")
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.about_action = self._action("&About PeerLog", None, self.show_about)
        self.help_action = self._action(
            "PeerLog &help", QKeySequence.StandardKey.HelpContents, self.show_help
        )
        self.help_action.setToolTip("Help on the screen you are on (F1)")
        self.find_action = self._action(
            "&Find people, volunteers or sessions…",
            QKeySequence.StandardKey.Find,
            self.find_anything,
        )
        self.deleted_action = self._action("Recently &deleted…", None, self.show_recently_deleted)
        self.back_up_action = self._action("&Back up now…", None, self.back_up_now)
        self.sync_action = self._action(
            "S&ync now", "Ctrl+Shift+S", lambda: self.syncing.sync_now()
        )
        self.sync_action.setToolTip("Send and receive changes through the shared folder")
        self.review_action = self._action("C&hanges to check…", None, lambda: self.syncing.review())
        self.open_other_action = self._action(
            "&Open another database…", None, self.open_another_database
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.combine_action = self._action(
            "Co&mbine returns for an alliance…", None, self.combine_returns
        )
        self.combine_action.setToolTip(
            "Add up member organisations' returns; no database is needed"
        )
        self.passphrase_action = self._action(
            "Change my &passphrase…", None, self.change_passphrase
        )
        self.log_session_action = self._action("&Log a session…", "Ctrl+N", self.log_session)
        self.add_person_action = self._action(
            "Add a &person…", None, lambda: self._open_record("person")
        )
        self.add_volunteer_action = self._action(
            "Add a &volunteer…", None, lambda: self._open_record("volunteer")
        )
        self.record_hours_action = self._action(
            "Record volunteer &hours…", None, lambda: self._open_record("hours")
        )
        self.import_action = self._action("&Import from a spreadsheet…", None, self.import_records)
        self.export_all_action = self._action(
            "&Export all records (personal data)…", None, self.export_all_records
        )
        self.list_actions = {
            "print": self._action("Prin&t this list…", QKeySequence.StandardKey.Print, None),
            "pdf": self._action("Save this list as P&DF…", None, None),
            "csv": self._action("Save this list as &CSV…", None, None),
        }
        for output, action in self.list_actions.items():
            action.triggered.connect(lambda _checked=False, o=output: self.list_out(o))
            action.setToolTip("The list on screen as it is shown (its filters and order)")
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
            self.passphrase_action,
            self.log_session_action,
            self.add_person_action,
            self.add_volunteer_action,
            self.record_hours_action,
            self.import_action,
            self.export_all_action,
            self.back_up_action,
            self.sync_action,
            self.review_action,
            self.open_other_action,
            self.find_action,
            self.deleted_action,
            *self.go_actions,
        ]

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_other_action)
        file_menu.addAction(self.back_up_action)
        file_menu.addActions([self.sync_action, self.review_action])
        file_menu.addSeparator()
        file_menu.addActions(list(self.list_actions.values()))
        file_menu.addSeparator()
        file_menu.addAction(self.combine_action)  # works locked too: returns hold no records
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.passphrase_action)
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
        records_menu.addSeparator()
        records_menu.addAction(self.find_action)
        records_menu.addAction(self.deleted_action)
        records_menu.addSeparator()
        records_menu.addActions([self.import_action, self.export_all_action])
        go_menu = self.menuBar().addMenu("&Go")
        go_menu.addActions(self.go_actions)
        self.unlocked_menus.append(go_menu)
        # No Alt letter: every letter of "Help" is already an Alt key on some screen. F1 opens
        # it from anywhere; F10 or Alt alone reaches the menu bar. macOS moves About (AboutRole).
        help_menu = self.menuBar().addMenu("Help")
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    @Slot()
    def show_about(self) -> None:
        from desktop_app.ui.shell.about_dialog import show_about

        show_about(self)

    @Slot()
    def show_help(self) -> None:
        """F1: the help page of whatever has the keyboard, else of the screen shown."""
        from desktop_app.ui.shell.help_window import FIRST_PAGE, HelpWindow, page_for

        page = page_for(QApplication.focusWidget())
        if page is None and self.workspace is not None:
            page = page_for(self.workspace.screen_at(self.workspace.current_index))
        if page is None and self.workspace is None:
            page = "start"
        if self.help_window is None:
            self.help_window = HelpWindow()  # a window of its own: modal forms do not block it
        self.help_window.show_page(page or FIRST_PAGE)

    @Slot()
    def find_anything(self) -> None:
        """Ctrl+F: the Find window, made once per unlock (it goes with the workspace)."""
        if self.db is None or self.workspace is None:
            return
        self.workspace.find_anything()

    @Slot()
    def show_recently_deleted(self) -> None:
        if self.db is None or self.workspace is None:
            return
        from desktop_app.ui.shell.recently_deleted_window import RecentlyDeletedWindow

        workspace = self.workspace

        def put_back(said: str) -> None:
            workspace.records_changed()
            self.statusBar().showMessage(said, 8000)

        window = RecentlyDeletedWindow(self.db, put_back, workspace)
        window.finished.connect(lambda _result: window.deleteLater())
        window.open()

    @Slot()
    def back_up_now(self) -> None:
        if self.db is None or self.workspace is None:
            return
        from desktop_app.ui.shell.back_up_now import back_up_now

        back_up_now(self.db, self.workspace, self.statusBar().showMessage)

    @Slot()
    def open_another_database(self) -> None:
        """Choose another database; the one open now locks (keeping drafts) only once chosen."""
        chosen = self.start.choose_other_database()
        if chosen is None:
            return
        self.lock()
        self.start.select_database(chosen)
        self.start.focus_passphrase()

    def list_out(self, output: Output) -> None:
        """Print or save the list on screen (File menu; Ctrl+P prints)."""
        from desktop_app.ui.common.list_out import OffersList, list_out  # reportlab: not at start

        if self.workspace is None:
            return
        shown = self.workspace.screen_at(self.workspace.current_index)
        if isinstance(shown, OffersList) and self.db is not None:
            list_out(shown, self.db, shown.list_source(), output)

    @Slot()
    def _offer_list_out(self) -> None:
        """The list actions work while a screen with a list is shown."""
        shown = None
        if self.workspace is not None:
            shown = self.workspace.screen_at(self.workspace.current_index)
        for action in self.list_actions.values():
            action.setEnabled(callable(getattr(shown, "list_source", None)))

    @Slot()
    def go_to(self, index: int) -> None:
        if self.workspace is not None:
            self.workspace.show_section(index)

    @Slot()
    def log_session(self) -> None:
        """Ctrl+N, from anywhere: the one "Log a session" window (raised if already open)."""
        if self.workspace is None:
            return
        from desktop_app.ui.sessions.session_dialog import SessionDialog

        for dialog in self.workspace.open_dialogs():
            if isinstance(dialog, SessionDialog) and dialog.existing is None:
                dialog.raise_()
                dialog.activateWindow()
                return
        self.workspace.open_session(None)

    @Slot()
    def change_passphrase(self) -> None:
        if self.db is None or self.workspace is None:
            return
        from desktop_app.ui.settings.settings_dialogs import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.db, self.workspace)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    @Slot()
    def import_records(self) -> None:
        if self.db is None or self.workspace is None:
            return
        from desktop_app.ui.importing.import_dialog import ImportDialog

        ImportDialog(self.db, self).exec()
        if self.workspace is not None:  # not when PeerLog locked while the dialog was open
            self.workspace.records_changed()

    @Slot()
    def combine_returns(self) -> None:
        from desktop_app.ui.alliance.combine_dialog import CombineDialog

        dialog = CombineDialog(self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    @Slot()
    def export_all_records(self) -> None:
        if self.db is None:
            return
        from desktop_app.ui.importing.export_all_dialog import ExportAllDialog

        ExportAllDialog(self.db, self).exec()

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
        from desktop_app.services import access, settings

        if self.db is not None:
            self.lock()
        self.db = db
        shown = [section for section in sections() if section.shown_to(db)]
        from desktop_app.ui.shell.workspace import Workspace
        # loads the screens' dialogs: not at start

        self.workspace = Workspace(db, shown)
        self.workspace.record_saved.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.workspace.settings_saved.connect(self._settings_saved)
        self.workspace.section_changed.connect(self._offer_list_out)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        for action in self.record_actions:
            action.setEnabled(True)
        for action in (self.lock_action, self.log_session_action, self.help_action):
            # From any window of PeerLog's while a database is open (set here, not at start:
            # see _action).
            action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        for index, action in enumerate(self.go_actions):
            action.setVisible(index < len(shown))  # not sections this user may not see
            action.setEnabled(index < len(shown))
        may_export_all = access.allowed(db, Permission.EXPORT_ALL)
        self.export_all_action.setVisible(may_export_all)
        self.export_all_action.setEnabled(may_export_all)
        for menu in self.unlocked_menus:
            menu.menuAction().setVisible(True)
        self._show_title(db)
        self._check_in_background(db)
        self.statusBar().showMessage("Unlocked. Press Ctrl+L to lock when you step away.")
        self.activateWindow()  # after the wizard or recovery dialog, the keyboard comes back here
        self.workspace.nav.setFocus()
        if (
            self._resume is not None
            and self._resume[0] == db.folder
            and self._resume[1] < len(shown)
        ):
            self.workspace.show_section(self._resume[1])
        self._resume = None
        self._offer_list_out()
        self._offer_drafts(db, self.workspace)
        # Idle time counts from when the window is ready, drafts open again included.
        self.idle.start(settings.auto_lock_minutes(db))
        self.syncing.sync_quietly()

    def _check_in_background(self, db: Database) -> None:
        """SQLite's quick check reads every page (seconds on years of records), so it runs after
        the window is ready rather than before; damage found is reported at once."""
        assert self.workspace is not None

        def report(problems: object) -> None:
            if problems:
                messages.warn(
                    self,
                    "This database is damaged",
                    "PeerLog found damage in this database while checking it. What you can see "
                    "may be incomplete. Restore the newest backup (Restore from a backup… on the "
                    "start screen), and keep this database folder until you have.",
                )

        worker.run_task(
            self.workspace,
            lambda _report: db.quick_check(),
            report,
            lambda error: log.warning("Background check failed: %s", type(error).__name__),
        )

    def _show_title(self, db: Database) -> None:
        from desktop_app.services import settings

        organisation = settings.organisation_name(db)
        self.setWindowTitle(f"{organisation} — {APP_TITLE}" if organisation else APP_TITLE)

    @Slot()
    def _settings_saved(self) -> None:
        from desktop_app.services import settings

        if self.db is not None:
            self._show_title(self.db)
            self.idle.start(settings.auto_lock_minutes(self.db))

    def _offer_drafts(self, db: Database, workspace: Workspace) -> None:
        """Open again every form that was kept as a draft at the last lock."""
        from desktop_app.services import drafts

        shown = 0
        for draft in drafts.my_drafts(db):
            try:
                workspace.open_draft(draft)
            except StoreError:
                log.info("A draft's record has gone; the draft is discarded")
            else:
                shown += 1
            drafts.discard_draft(db, draft.id)
        if shown:
            self.statusBar().showMessage(
                "Your unsaved work was kept as a draft when PeerLog locked, and is open again. "
                "Save it, or Cancel to drop it."
            )

    @Slot()
    def lock(self) -> None:
        """Close the database and remove everything that showed a record."""
        db, workspace = self.db, self.workspace
        if db is None or workspace is None:
            return
        from desktop_app.services.protection import auto_backup
        from desktop_app.ui.forms.unsaved import closing_without_asking
        # not needed to quit from the start window

        self.idle.stop()
        self._keep_drafts(db, workspace)
        after_sync = self.syncing.before_lock(db)  # typed text is kept (just above) first
        self._resume = (db.folder, workspace.current_index)
        with closing_without_asking():  # what was being typed is kept as drafts, just above
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
        auto_backup.close_with_backup(db)  # the day's backup when due; always closes
        self._show_locked_state()
        self.start.refresh(select=folder)
        self.start.focus_passphrase()
        if after_sync:
            self.statusBar().showMessage(after_sync)
        log.info("Locked")

    @Slot(str)
    def lock_by_itself(self, why: str) -> None:
        from desktop_app.services import settings

        if self.db is None:
            return
        minutes = settings.auto_lock_minutes(self.db)
        self.lock()
        if why == "keys":
            return
        reason = (
            f"after {minutes} minute{'s' if minutes != 1 else ''} without use"
            if why == "idle"
            else "when the computer was locked or suspended"
        )
        self.statusBar().showMessage(f"PeerLog locked itself {reason}. Unlock to go on.")

    def _keep_drafts(self, db: Database, workspace: Workspace) -> None:
        """Forms being edited go into the encrypted database as drafts, never left on screen."""
        from desktop_app.services import drafts
        from desktop_app.ui.shell.draft_forms import drafts_of_open_forms

        kept = drafts_of_open_forms(workspace)
        try:
            drafts.save_drafts(db, kept)
        except StoreError:
            log.warning("%d unsaved forms could not be kept as drafts", len(kept))

    def _show_locked_state(self) -> None:
        self.stack.setCurrentWidget(self.start)
        for action in [*self.record_actions, *self.list_actions.values()]:
            action.setEnabled(False)
        for menu in self.unlocked_menus:  # nothing in them works while locked
            menu.menuAction().setVisible(False)
        self.setWindowTitle(APP_TITLE)
        self.statusBar().clearMessage()

    def open_folder(self, folder: Path) -> None:
        """Show the unlock prompt for `folder` (from `peerlog --db`)."""
        from desktop_app.services import databases

        self.start.select_database(databases.database_folder(folder))
        self.start.focus_passphrase()

    def _install_help_key(self) -> None:
        from desktop_app.ui.shell.help_window import HelpKey

        app = QApplication.instance()
        if self._help_key is None and app is not None:
            self._help_key = HelpKey(self.show_help, self)
            app.installEventFilter(self._help_key)

    def closeEvent(self, event: QCloseEvent) -> None:
        from desktop_app.ui.start.recent_databases import remember_window_size

        if self.help_window is not None:
            self.help_window.close()
        if not (self.isMaximized() or self.isFullScreen()):
            remember_window_size(self.width(), self.height())
        self.lock()
        worker.wait_for_tasks()
        super().closeEvent(event)
