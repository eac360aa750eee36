"""Find anything (Ctrl+F): type part of a name, reference, venue or topic; people, volunteers and
sessions that match are listed under their own headings; Enter (or a double click) opens one.

Down in the box moves into the results, Up from the first result back to the box. The window
belongs to the workspace, so it goes when PeerLog locks. Reads run on a worker; only the answer
to the newest text is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.find import SHORTEST, Findings, Found, find_anything
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.latest_reads import LatestReads

HEADINGS = (("people", "People"), ("volunteers", "Volunteers"), ("sessions", "Sessions"))
WAIT_MS = 150  # after the last key, before looking up


class FindWindow(QDialog):
    def __init__(self, db: Database, open_found: Callable[[Found], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.open_found = open_found
        self.setWindowTitle("Find")
        self.box = QLineEdit()
        self.box.setPlaceholderText("Part of a name, reference, venue or topic")
        self.box.setAccessibleName("Find")
        self.box.setClearButtonEnabled(True)
        label = QLabel("&Find people, volunteers and sessions:")
        label.setBuddy(self.box)
        self.results = QListWidget()
        self.results.setAccessibleName("What was found")
        self.status = QLabel(f"Type at least {SHORTEST} letters.")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._reads = LatestReads(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WAIT_MS)
        self._timer.timeout.connect(self._look_up)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(self._open_item)
        metrics = self.fontMetrics()
        screen = self.screen().availableGeometry()
        self.resize(
            min(metrics.averageCharWidth() * 70, screen.width() * 9 // 10),
            min(metrics.height() * 26, screen.height() * 9 // 10),
        )

    def start_again(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus()
        self.box.selectAll()

    # Looking up ----------------------------------------------------------------------------

    def _look_up(self) -> None:
        text = self.box.text()
        db = self.db
        self._reads.start(
            "find", lambda: find_anything(db, text), self._show, self._failed, what=text
        )

    def _show(self, findings: Findings) -> None:
        self.results.clear()
        for attribute, heading in HEADINGS:
            found: list[Found] = getattr(findings, attribute)
            if not found:
                continue
            self._add_heading(heading)
            for item in found:
                row = QListWidgetItem(
                    f"    {item.title}  —  {item.detail}" if item.detail else f"    {item.title}"
                )
                row.setData(Qt.ItemDataRole.UserRole, item)
                self.results.addItem(row)
        count = len(findings.everything)
        if len(self.box.text().strip()) < SHORTEST:
            self.status.setText(f"Type at least {SHORTEST} letters.")
        elif count == 0:
            self.status.setText("Nothing matches. Check the spelling, or type less of the name.")
        else:
            more = " There are more: type more to narrow it down." if findings.more else ""
            self.status.setText(f"{count} found. Press Down, then Enter to open one.{more}")

    def _add_heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = QFont(self.results.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: arrows skip it
        item.setForeground(self.results.palette().text())  # a heading, not a greyed-out row
        self.results.addItem(item)

    def _failed(self, error: StoreError) -> None:
        self.results.clear()
        self.status.setText(str(error))

    # Keys ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            first = self._first_result()
            if first is not None:
                self.results.setCurrentRow(first)
                self.results.setFocus()
                if key != Qt.Key.Key_Down:
                    self._open_item(self.results.item(first))
            return True
        at_top = self.results.currentRow() == self._first_result()
        if watched is self.results and key == Qt.Key.Key_Up and at_top:
            self.box.setFocus()
            return True
        return False

    def _first_result(self) -> int | None:
        for row in range(self.results.count()):
            if self.results.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                return row
        return None

    def _open_item(self, item: QListWidgetItem | None) -> None:
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(found, Found):
            self.open_found(found)
