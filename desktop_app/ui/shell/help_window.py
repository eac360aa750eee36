"""PeerLog's help: short pages in plain English shipped in resources/help, one per screen.

F1 opens the page for what has the keyboard: each ui feature folder (sessions, people, returns…)
has a page of the same name, so a dialog or screen finds its page by the folder it lives in. The
window stays open beside PeerLog (not modal) until closed with Escape.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from desktop_app.resources import resource_path
from desktop_app.ui.common.screen_fit import FittedDialog, resize_within_screen

# The pages in the order the list shows them; each is resources/help/<name>.md.
PAGES = (
    "getting-started",
    "start",
    "home",
    "sessions",
    "people",
    "referrals",
    "safeguarding",
    "outcomes",
    "case-studies",
    "volunteers",
    "returns",
    "importing",
    "alliance",
    "settings",
    "sync",
    "keeping-safe",
)
FIRST_PAGE = PAGES[0]
# ui/<folder>/ -> its page. ui/common, ui/forms and ui/shell serve every screen: they have none.
FOLDER_PAGES = {
    "start": "start",
    "home": "home",
    "sessions": "sessions",
    "people": "people",
    "referrals": "referrals",
    "safeguarding": "safeguarding",
    "case_studies": "case-studies",
    "outcomes": "outcomes",
    "volunteers": "volunteers",
    "returns": "returns",
    "importing": "importing",
    "alliance": "alliance",
    "settings": "settings",
    "sync": "sync",
    "story": "people",  # a person's (or volunteer's) whole story, opened from their record
}
SHARED_FOLDERS = ("common", "forms", "shell")


def page_text(page: str) -> str:
    return resource_path("help", f"{page}.md").read_text(encoding="utf-8")


def page_title(page: str) -> str:
    first = page_text(page).splitlines()[0]
    return first.removeprefix("# ").strip()


def page_for(widget: QWidget | None) -> str | None:
    """The help page of the innermost screen or dialog holding `widget`, if it has one."""
    while widget is not None:
        parts = type(widget).__module__.split(".")
        if len(parts) >= 4 and parts[:2] == ["desktop_app", "ui"] and parts[2] in FOLDER_PAGES:
            return FOLDER_PAGES[parts[2]]
        widget = widget.parentWidget()
    return None


class HelpWindow(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("PeerLog help")
        self.setModal(False)
        self.pages = QListWidget()
        self.pages.setAccessibleName("Help pages")
        titles = {page: page_title(page) for page in PAGES}  # each page file read once
        for page, title in titles.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.pages.addItem(item)
        width = max(self.pages.fontMetrics().horizontalAdvance(t) for t in titles.values())
        self.pages.setFixedWidth(width + self.pages.fontMetrics().averageCharWidth() * 4)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Help text")
        self.text.setOpenExternalLinks(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.text, 1)
        self.pages.currentRowChanged.connect(self._show_row)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, self.pages.setFocus)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 100, metrics.height() * 32
        resize_within_screen(self, width, height)

    @property
    def page(self) -> str:
        item = self.pages.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else FIRST_PAGE

    def show_page(self, page: str) -> None:
        self.pages.setCurrentRow(PAGES.index(page if page in PAGES else FIRST_PAGE))
        self.show()
        self.raise_()
        self.activateWindow()
        self.pages.setFocus()

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.text.setMarkdown(page_text(PAGES[row]))


class HelpKey(QObject):
    """F1 from any of PeerLog's windows. A form open in front of the main window blocks the
    window's own shortcuts, so F1 pressed in it reaches the application as a plain key press."""

    def __init__(self, show_help: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_help = show_help

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_F1, Qt.Key.Key_Help)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.show_help()
            return True
        return False
