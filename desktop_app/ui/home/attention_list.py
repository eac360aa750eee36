"""Home's "Needs attention": one heading a group with its count ("DBS checks due (4)"), the
first few lines under it and "Show all 12" to see the rest. Enter on a line opens the record
it names; Enter on "Show all" (or "Show fewer") opens (or closes) the group up.

What is in each group, and in what order, is worked out in domain/attention.py: this only shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.domain.attention import SAFEGUARDING, AttentionGroup, AttentionItem

# A busy person reads the first few of each group; the rest are one keypress away.
FEW = 3
WARNING_COLOUR = "#8a4b00"  # as Home's backup warning
ROLE = Qt.ItemDataRole.UserRole  # what a line does, as a key into AttentionList._actions


class AttentionList(QTreeWidget):
    opened = Signal(object)  # the Opens of the line activated

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Things that need attention")
        self.itemActivated.connect(self._activated)
        self.groups: list[AttentionGroup] = []
        self.showing_all: set[str] = set()  # groups showing all their lines (kept on refresh)
        self.message = ""  # shown when there are no groups
        # What Enter does on each line, kept here with only a key on the item: PySide6
        # mishandles Python objects stored in item data.
        self._actions: dict[int, Callable[[], None]] = {}
        self.headings: list[QTreeWidgetItem] = []  # a group's heading, in the groups' order

    def show_groups(self, groups: Sequence[AttentionGroup], empty: str) -> None:
        """Show `groups` (already in order), or `empty` when there are none. The cursor stays
        on the line it was on (the slow checks' groups arrive while a person reads)."""
        where = self._position()
        self.groups = list(groups)
        self.message = empty
        self._rebuild(where)

    def add_note(self, text: str) -> None:
        """A line below the groups that opens nothing (e.g. a check that failed)."""
        self.addTopLevelItem(QTreeWidgetItem([text]))

    def lines(self) -> list[str]:
        """Every line as shown, headings included, top to bottom (for tests and reading back)."""
        texts = []
        for top in self._top_items():
            texts.append(top.text(0))
            texts += [line.text(0) for line in _children(top)]
        return texts

    def find_line(self, text: str) -> QTreeWidgetItem | None:
        """The first line (or heading) showing `text`."""
        for top in self._top_items():
            for item in [top, *_children(top)]:
                if item.text(0) == text:
                    return item
        return None

    def heading_item(self, key: str) -> QTreeWidgetItem | None:
        for group, heading in zip(self.groups, self.headings, strict=True):
            if group.key == key:
                return heading
        return None

    def _top_items(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(n) for n in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _rebuild(self, current: tuple[str, int] | None = None) -> None:
        """Show the groups again; `current`: the group and line to put the cursor on."""
        self.clear()
        self._actions.clear()
        self.headings.clear()
        if not self.groups:
            self.addTopLevelItem(QTreeWidgetItem([self.message]))
            return
        for group in self.groups:
            self._add_group(group)
        self._put_cursor(current)

    def _add_group(self, group: AttentionGroup) -> None:
        heading = QTreeWidgetItem([group.heading])
        font = QFont(self.font())
        font.setBold(True)
        heading.setFont(0, font)
        if group.key == SAFEGUARDING:
            heading.setForeground(0, QBrush(QColor(WARNING_COLOUR)))
        self.addTopLevelItem(heading)
        self.headings.append(heading)
        self._act(heading, lambda: heading.setExpanded(not heading.isExpanded()))
        few_enough = len(group.items) <= FEW + 1 and not group.not_read
        showing_all = group.key in self.showing_all or few_enough
        shown = group.items if showing_all else group.items[:FEW]
        for item in shown:
            self._add_line(heading, group, item)
        if group.key in self.showing_all and group.not_read:
            more = QTreeWidgetItem([f"…and {group.not_read:,} more not listed here"])
            heading.addChild(more)
        if not few_enough:
            toggle = QTreeWidgetItem()
            if group.key in self.showing_all:
                toggle.setText(0, "Show fewer")
            else:
                toggle.setText(0, f"Show all {group.total:,}")
            toggle.setData(
                0, Qt.ItemDataRole.AccessibleTextRole, f"{toggle.text(0)}: {group.title}"
            )
            toggle.setToolTip(0, "Press Enter to show or hide the rest of this group")
            toggle.setForeground(0, self.palette().link())
            heading.addChild(toggle)
            # after the keypress is handled: showing again replaces the line it was on
            self._act(toggle, lambda: QTimer.singleShot(0, partial(self._toggle, group.key)))
        heading.setExpanded(True)

    def _add_line(
        self, heading: QTreeWidgetItem, group: AttentionGroup, item: AttentionItem
    ) -> None:
        line = QTreeWidgetItem([item.label])
        line.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{group.title}: {item.label}")
        heading.addChild(line)
        if item.opens is not None:
            line.setToolTip(0, "Press Enter to open it")
            opens = item.opens
            self._act(line, lambda: self.opened.emit(opens))

    def _act(self, item: QTreeWidgetItem, action: Callable[[], None]) -> None:
        key = len(self._actions)
        self._actions[key] = action
        item.setData(0, ROLE, key)

    def _toggle(self, key: str) -> None:
        """Show all a group's lines, or the first few again; the cursor goes to the first line
        that appeared (or back to "Show all")."""
        if key in self.showing_all:
            self.showing_all.discard(key)
        else:
            self.showing_all.add(key)
        self._rebuild((key, FEW))

    def _position(self) -> tuple[str, int] | None:
        """The group and line the cursor is on, if it is on a group's line."""
        item = self.currentItem()
        parent = item.parent() if item is not None else None
        if item is None or parent is None or parent not in self.headings:
            return None
        return self.groups[self.headings.index(parent)].key, parent.indexOfChild(item)

    def _put_cursor(self, current: tuple[str, int] | None) -> None:
        key, row = current or (self.groups[0].key, 0)
        heading = self.heading_item(key)
        if heading is None:  # that group has gone: the top
            heading, row = self.headings[0], 0
        lines = _children(heading)
        if lines:
            target = lines[min(row, len(lines) - 1)]
            self.setCurrentItem(target)
            self.scrollToItem(target)

    @Slot(QTreeWidgetItem, int)
    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, ROLE)
        action = self._actions.get(key) if isinstance(key, int) else None
        if action is not None:
            action()


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(n) for n in range(item.childCount()))
    return [child for child in children if child is not None]
