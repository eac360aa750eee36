"""What an unlocked database shows: the section list on the left, the current screen on the right.

The whole workspace is thrown away when the database is locked, so no widget that ever showed a
record outlives the unlock. Screens are built the first time they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from desktop_app.store.database import Database


@runtime_checkable
class Refreshable(Protocol):
    def refresh(self) -> None: ...


@dataclass(frozen=True)
class Section:
    title: str
    make: Callable[[Database], QWidget]


class Workspace(QWidget):
    section_changed = Signal(int)

    def __init__(self, db: Database, sections: list[Section], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.sections = sections
        self._screens: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Sections")
        self.nav.addItems([section.title for section in sections])
        width = max(self.nav.fontMetrics().horizontalAdvance(s.title) for s in sections)
        self.nav.setFixedWidth(width + self.nav.fontMetrics().averageCharWidth() * 8)
        self.pages = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.nav.currentRowChanged.connect(self._show)
        self.nav.setCurrentRow(0)

    def screen_at(self, index: int) -> QWidget:
        """The screen of section `index`, built on first use."""
        if index not in self._screens:
            screen = self.sections[index].make(self.db)
            screen.setAccessibleName(self.sections[index].title)
            self._screens[index] = screen
            self.pages.addWidget(screen)
        return self._screens[index]

    def show_section(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self.screen_at(index).setFocus()

    @property
    def current_index(self) -> int:
        return self.nav.currentRow()

    @Slot(int)
    def _show(self, index: int) -> None:
        if index < 0:
            return
        screen = self.screen_at(index)
        if index in self._stale and isinstance(screen, Refreshable):
            screen.refresh()
        self._stale.discard(index)
        self.pages.setCurrentWidget(screen)
        self.section_changed.emit(index)

    def records_changed(self) -> None:
        """Records were added or changed: refresh the screen in view, the others when shown."""
        for index, screen in self._screens.items():
            if index == self.current_index and isinstance(screen, Refreshable):
                screen.refresh()
            else:
                self._stale.add(index)
