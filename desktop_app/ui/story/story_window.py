"""A person's or a volunteer's whole story in one window: what PeerLog holds about them in
groups, newest first. Enter opens the thing a line names (a session in its form, a score in its
correcting form, a case study, an hours entry); Escape closes.

It shows records, so it is a child of the record it was opened from and goes when PeerLog locks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.story import Opens, StoryGroup, StoryLine
from desktop_app.ui.common.screen_fit import FittedDialog, resize_within_screen
from desktop_app.ui.common.text_styles import note, scaled_font
from desktop_app.ui.common.value_text import short_date

LINE_ROLE = Qt.ItemDataRole.UserRole
IN_THE_RECORD = "This is part of their record: change it there."

LineOpener = Callable[[str], None]  # opens the record with this id


class StoryWindow(FittedDialog):
    def __init__(
        self,
        name: str,
        load: Callable[[], list[StoryGroup]],
        openers: Mapping[Opens, LineOpener],
        extra_buttons: Sequence[QPushButton] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.load, self.openers = load, openers
        self.setWindowTitle(f"Their whole story: {name}")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(f"Everything about {name}, newest first")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Date", "What"])
        self.tree.setAllColumnsShowFocus(True)
        self.tree.itemActivated.connect(lambda item, _column: self.open_line(item))
        self.tree.currentItemChanged.connect(lambda _now, _before: self._show_what_opens())
        self.status = note("")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open what the chosen line names (Enter)")
        self.open_button.clicked.connect(lambda: self.open_line(self.tree.currentItem()))
        close = QPushButton("&Close")
        close.setToolTip("Close (Escape)")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.open_button, *extra_buttons, close):
            button.setAutoDefault(False)
        buttons.addWidget(self.open_button)
        for button in extra_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Enter opens the chosen line: a session, a score, a case study, an hours entry, "
                "a concern."
            )
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        resize_within_screen(self, metrics.averageCharWidth() * 100, metrics.lineSpacing() * 32)
        self.refresh()
        self.tree.setFocus()

    @Slot()
    def refresh(self) -> None:
        """Read the story again, keeping the chosen line where it still exists."""
        chosen = self.chosen_line()
        self.tree.clear()
        heading_font = scaled_font(self.font(), 1.0, bold=True)
        first: QTreeWidgetItem | None = None
        again: QTreeWidgetItem | None = None
        for group in self.load():
            top = QTreeWidgetItem([f"{group.title} ({len(group.lines)})", ""])
            top.setFirstColumnSpanned(True)
            top.setFont(0, heading_font)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for line in group.lines:
                item = QTreeWidgetItem([short_date(line.on), line.text])
                item.setData(0, LINE_ROLE, line)
                top.addChild(item)
                first = first or item
                if chosen is not None and line == chosen:
                    again = item
            if not group.lines:
                empty = QTreeWidgetItem(["", group.none_yet])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                top.addChild(empty)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        current = again or first
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show_what_opens()

    def chosen_line(self) -> StoryLine | None:
        item = self.tree.currentItem()
        line = item.data(0, LINE_ROLE) if item is not None else None
        return line if isinstance(line, StoryLine) else None

    def _line_items(self) -> list[tuple[QTreeWidgetItem, StoryLine]]:
        root = self.tree.invisibleRootItem()
        tops = [root.child(group) for group in range(root.childCount())]
        items = [top.child(row) for top in tops if top for row in range(top.childCount())]
        found = [(item, item.data(0, LINE_ROLE)) for item in items if item is not None]
        return [(item, line) for item, line in found if isinstance(line, StoryLine)]

    def lines(self) -> list[StoryLine]:
        """Every line shown, in order."""
        return [line for _item, line in self._line_items()]

    def choose(self, line: StoryLine) -> None:
        for item, shown in self._line_items():
            if shown == line:
                self.tree.setCurrentItem(item)

    def open_line(self, item: QTreeWidgetItem | None) -> None:
        line = item.data(0, LINE_ROLE) if item is not None else None
        if not isinstance(line, StoryLine):
            return
        opener = self.openers.get(line.opens) if line.opens else None
        if opener is None:
            self.status.setText(IN_THE_RECORD)
            return
        opener(line.record_id)

    def _show_what_opens(self) -> None:
        line = self.chosen_line()
        self.open_button.setEnabled(line is not None and bool(line.opens))
        self.status.setText("" if line is None or line.opens else IN_THE_RECORD)

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to this window (after a session form was saved): read the story again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()
