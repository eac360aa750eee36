"""The first thing PeerLog shows, and what it returns to when locked: pick a database (recent
ones, another folder, a new one) and unlock it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import app_dirs
from desktop_app.services.demo.identity import DEMO_PASSPHRASE
from desktop_app.store import layout
from desktop_app.ui.common import messages
from desktop_app.ui.common.screen_fit import scrolling
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.start.demo_panel import DEMO_HINT, DemoPanel, is_demo
from desktop_app.ui.start.recent_databases import (
    forget_database,
    recent_databases,
    remember_database,
)
from desktop_app.ui.start.unlock_panel import UnlockPanel

if TYPE_CHECKING:
    from desktop_app.store.database import Database
    from desktop_app.ui.start.first_run_wizard import FirstRunWizard
    from desktop_app.ui.start.recovery_dialog import RecoveryDialog
    from desktop_app.ui.start.restore_dialog import RestoreDialog

WELCOME = (
    "To begin, set up a database for your organisation: it takes about a minute. "
    "If your organisation already uses PeerLog on this computer, open its database instead. "
    "To look around first, try the demo: everything in it is invented."
)


def _delete_key() -> list[QKeySequence]:
    """The Delete key itself: the system's other keys for "delete" (Ctrl+D on Linux) are too
    easy to press by mistake for removing a database from the list."""
    return QKeySequence.keyBindings(QKeySequence.StandardKey.Delete)[:1]


class DatabaseList(QListWidget):
    """The recent databases, one folder a row; Delete, or the right-click menu, forgets one.

    Handled here rather than with a widget-shortcut action and an actions context menu: setting
    those touches Qt's namespace, whose enums PySide builds at first use (tens of milliseconds
    of start-up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folders: list[Path] = []  # row by row
        self.forget_action = QAction("Remove from this list", self)
        self.forget_action.setShortcuts(_delete_key())  # shown in the menu

    def clear_folders(self) -> None:
        self.clear()
        self.folders.clear()

    def add_folder(self, folder: Path) -> QListWidgetItem:
        where = str(folder.parent) if folder.exists() else "not found: is the drive plugged in?"
        item = QListWidgetItem(f"{folder.stem}\n{where}")
        item.setToolTip(str(folder))
        self.folders.append(folder)  # first: adding the item can make it the current one
        self.addItem(item)
        return item

    def current_folder(self) -> Path | None:
        row = self.currentRow()
        return self.folders[row] if 0 <= row < len(self.folders) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if QKeySequence(event.keyCombination()) in _delete_key() and self.currentItem():
            self.forget_action.trigger()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.currentItem() is not None:
            QMenu.exec([self.forget_action], event.globalPos(), None, self)


def _button(text: str, accessible_name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    return button


class StartScreen(QWidget):
    unlocked = Signal(object)  # an open Database, now owned by whoever receives it
    combine_requested = Signal()  # an alliance's coordinator may have no database at all

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_list = DatabaseList()
        self.database_list.setAccessibleName("Your databases")
        self.database_list.currentItemChanged.connect(self._on_selected)
        self.database_list.itemActivated.connect(self.focus_passphrase)
        self.database_list.forget_action.triggered.connect(self.forget_selected)

        self.open_other_button = _button("&Open a database…", "Open a database folder")
        self.open_other_button.clicked.connect(self.open_other)
        self.create_button = _button("&Set up a new database…", "Set up a new database")
        self.create_button.clicked.connect(self.set_up_new)
        self.restore_button = _button("Restore from a &backup…", "Restore from a backup")
        self.restore_button.clicked.connect(self.restore_from_backup)
        self.combine_button = _button(
            "Combine returns for an &alliance…", "Combine returns for an alliance"
        )
        self.combine_button.clicked.connect(self.combine_requested)
        self.demo = DemoPanel()
        self.demo.made.connect(self._on_unlocked)
        self.demo.found.connect(self._unlock_demo)
        self.demo.busy_changed.connect(self._on_busy)

        self.unlock_panel = UnlockPanel()
        self.unlock_panel.unlocked.connect(self._on_unlocked)
        self.unlock_panel.recovery_requested.connect(self.use_recovery_code)
        self.unlock_panel.busy_changed.connect(self._on_busy)
        self.welcome = QWidget()
        welcome_layout = QVBoxLayout(self.welcome)
        welcome_layout.setContentsMargins(0, 0, 0, 0)
        welcome_layout.addWidget(heading("Welcome", 2))
        welcome_layout.addWidget(note(WELCOME))
        self.list_heading = heading("Your databases", 2)

        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        self.database_list.setMaximumHeight(lines * 16)
        left_column = QWidget()
        left_column.setMinimumWidth(chars * 50)
        left_column.setMaximumWidth(chars * 60)
        left = QVBoxLayout(left_column)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.welcome)
        left.addWidget(self.list_heading)
        left.addWidget(self.database_list)
        left.addSpacing(lines // 2)
        left.addWidget(self.create_button)
        left.addWidget(self.open_other_button)
        left.addWidget(self.restore_button)
        left.addWidget(self.combine_button)
        left.addWidget(self.demo)
        left.addStretch(1)
        self.unlock_panel.setMinimumWidth(chars * 60)
        self.unlock_panel.setMaximumWidth(chars * 70)
        columns = QHBoxLayout()
        columns.addWidget(left_column, 1)
        columns.addSpacing(chars * 5)
        columns.addWidget(self.unlock_panel, 1)

        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(heading("PeerLog", 1))
        card_layout.addWidget(
            note("Encrypted records for peer support groups. Everything stays on this computer.")
        )
        card_layout.addSpacing(lines)
        card_layout.addLayout(columns)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        inner = QWidget()
        centred = QVBoxLayout(inner)
        centred.addStretch(1)
        centred.addLayout(middle)
        centred.addStretch(2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))  # at large text sizes on a small screen
        self.refresh()

    # The list of databases -----------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        """Reload the recent list, selecting `select` (or the most recent)."""
        self.database_list.clear_folders()
        for folder in recent_databases():
            self.database_list.add_folder(folder)
        if select is not None:
            self.select_database(select)
        elif self.database_list.count():
            self.database_list.setCurrentRow(0)
        self._on_selected(self.database_list.currentItem())

    def select_database(self, folder: Path) -> None:
        """Select `folder`, adding it to the list shown (it is remembered once unlocked)."""
        folder = folder.resolve()
        if folder in self.database_list.folders:
            self.database_list.setCurrentRow(self.database_list.folders.index(folder))
            return
        self.database_list.setCurrentItem(self.database_list.add_folder(folder))

    @property
    def selected_folder(self) -> Path | None:
        return self.database_list.current_folder()

    @Slot()
    def _on_selected(self, item: QListWidgetItem | None) -> None:
        welcoming = item is None
        self.welcome.setVisible(welcoming)
        self.list_heading.setVisible(not welcoming)
        self.database_list.setVisible(not welcoming)
        self.unlock_panel.setVisible(not welcoming)
        folder = self.database_list.current_folder()
        if item is not None and folder is not None:
            self.unlock_panel.set_folder(folder, DEMO_HINT if is_demo(folder) else None)

    def focus_passphrase(self) -> None:
        if self.selected_folder is not None:
            self.unlock_panel.passphrase.setFocus()
        else:
            self.create_button.setFocus()

    @Slot()
    def forget_selected(self) -> None:
        folder = self.selected_folder
        if folder is None:
            return
        forget_database(folder)
        self.refresh()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        for widget in (
            self.database_list,
            self.open_other_button,
            self.create_button,
            self.restore_button,
        ):
            widget.setEnabled(not busy)
        self.demo.button.setEnabled(not busy)
        self.unlock_panel.setEnabled(not self.demo.is_busy)

    # Opening, creating, recovering ---------------------------------------------------------

    @Slot()
    def open_other(self) -> None:
        chosen = self.choose_other_database()
        if chosen is not None:
            self.select_database(chosen)
            self.focus_passphrase()

    def choose_other_database(self) -> Path | None:
        """A database folder the user picks, or None (cancelled, or not a database: said)."""
        start = app_dirs.default_database_dir()
        if self.selected_folder is not None:
            start = self.selected_folder.parent
        elif not start.exists():
            start = Path.home()
        from desktop_app.ui.common import file_dialogs
        # loaded when first needed

        chosen = file_dialogs.choose_database(self, start)
        if chosen is None:
            return None
        if not layout.looks_like_database(chosen):
            messages.warn(
                self,
                "Not a PeerLog database",
                f"{chosen.name} is not a PeerLog database. Choose the folder whose name ends in "
                ".peerlog (it holds a file called peerlog.db).",
            )
            return None
        return chosen

    @Slot()
    def restore_from_backup(self) -> None:
        """Restore the selected database from a backup file, after a preview."""
        folder = self.selected_folder
        if folder is None:
            messages.warn(
                self,
                "Choose a database first",
                "Select the database to restore in the list (or open it), then choose the backup.",
            )
            return
        from desktop_app.ui.common import file_dialogs

        backup = file_dialogs.choose_open_file(
            self,
            "Choose a PeerLog backup",
            folder.parent,
            f"PeerLog backups (*{layout.BACKUP_SUFFIX})",
        )
        if backup is None:
            return
        from desktop_app.ui.start.restore_dialog import RestoreDialog

        dialog = RestoreDialog(backup, folder, self)
        dialog.finished.connect(lambda _result: self._after_restore(dialog))
        dialog.open()

    def _after_restore(self, dialog: RestoreDialog) -> None:
        dialog.deleteLater()
        self.window().activateWindow()
        self.focus_passphrase()

    @Slot()
    def set_up_new(self) -> None:
        from desktop_app.ui.start.first_run_wizard import FirstRunWizard

        wizard = FirstRunWizard(self)
        wizard.finished.connect(lambda result: self._on_wizard_finished(wizard, result))
        wizard.open()

    def _on_wizard_finished(self, wizard: FirstRunWizard, result: int) -> None:
        db = wizard.database
        wizard.deleteLater()
        self.window().activateWindow()  # the keyboard comes back to this window
        self.focus_passphrase()
        if result == QDialog.DialogCode.Accepted and db is not None:
            self._on_unlocked(db)

    @Slot()
    def open_demo(self) -> None:
        self.demo.open_demo()

    def _unlock_demo(self, folder: Path) -> None:
        self.select_database(folder)
        self.unlock_panel.unlock_with(DEMO_PASSPHRASE)

    @Slot()
    def use_recovery_code(self) -> None:
        folder = self.selected_folder
        if folder is None:
            return
        from desktop_app.ui.start.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(folder, self)
        dialog.finished.connect(lambda _result: self._on_recovery_finished(dialog))
        dialog.open()

    def _on_recovery_finished(self, dialog: RecoveryDialog) -> None:
        db = dialog.database
        dialog.deleteLater()
        self.window().activateWindow()
        self.focus_passphrase()
        if db is not None:
            self._on_unlocked(db)

    def _on_unlocked(self, db: Database) -> None:
        remember_database(db.folder)
        self.refresh(select=db.folder)
        self.unlocked.emit(db)
