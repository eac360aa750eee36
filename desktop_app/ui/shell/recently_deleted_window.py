"""Records → Recently deleted…: what was deleted in the last 30 days, newest first; Put back
(Alt+P) restores the selected one as it was. A record another has come to need (its person was
erased since, say) is refused with a plain message and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import recently_deleted
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.value_text import short_date

TITLE = "Recently deleted"


class RecentlyDeletedWindow(QDialog):
    def __init__(self, db: Database, put_back: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.after_put_back = put_back
        self.setWindowTitle(TITLE)
        intro = QLabel(
            f"What was deleted in the last {recently_deleted.KEEP_DAYS} days. Select one and "
            "choose Put back to bring it back as it was. People who were erased are not here: "
            "erasing removes everything for good."
        )
        intro.setWordWrap(True)
        self.entries = QListWidget()
        self.entries.setAccessibleName("Recently deleted records")
        label = QLabel("&Deleted:")
        label.setBuddy(self.entries)
        self.empty = QLabel("Nothing has been deleted lately.")
        self.put_back_button = action_button("&Put back", self.put_back_selected)
        buttons = QDialogButtonBox()
        buttons.addButton(self.put_back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.entries.itemActivated.connect(lambda _item: self.put_back_selected())
        metrics = self.fontMetrics()
        screen = self.screen().availableGeometry()
        self.resize(
            min(metrics.averageCharWidth() * 90, screen.width() * 9 // 10),
            min(metrics.height() * 24, screen.height() * 9 // 10),
        )
        self.refresh()

    def refresh(self) -> None:
        self.entries.clear()
        for deleted in recently_deleted.recently_deleted(self.db):
            days = "day" if deleted.days_left == 1 else "days"
            item = QListWidgetItem(
                f"{deleted.what} — deleted {short_date(deleted.deleted_at.date())}, "
                f"kept {deleted.days_left} more {days}"
            )
            item.setData(Qt.ItemDataRole.UserRole, deleted.id)
            self.entries.addItem(item)
        has_any = self.entries.count() > 0
        self.empty.setVisible(not has_any)
        self.put_back_button.setEnabled(has_any)
        if has_any:
            self.entries.setCurrentRow(0)
            self.entries.setFocus()

    def put_back_selected(self) -> None:
        if self.entries.currentRow() < 0:
            return
        item = self.entries.currentItem()
        try:
            kind = recently_deleted.put_back(self.db, int(item.data(Qt.ItemDataRole.UserRole)))
        except StoreError as error:
            messages.warn(self, TITLE, str(error))
            return
        self.refresh()
        self.after_put_back(f"{kind.capitalize()} put back.")
