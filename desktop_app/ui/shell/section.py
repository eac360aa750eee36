"""A section of the workspace (Home, Sessions...): its title, how to build its screen, and who
may see it. Screens are imported when first built, so the start window opens quickly."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

from desktop_app.domain.protection.roles import Permission

if TYPE_CHECKING:
    from desktop_app.store.database import Database
    from desktop_app.ui.shell.record_opener import RecordOpener

    ScreenMaker = Callable[[Database, RecordOpener], QWidget]


class Section(NamedTuple):  # not a dataclass: the start window does not load dataclasses
    title: str
    make: ScreenMaker
    needs: Permission | None = None  # shown only to users allowed this

    def shown_to(self, db: Database) -> bool:
        from desktop_app.services.access import allowed

        return self.needs is None or allowed(db, self.needs)


def screen(module: str, class_name: str) -> ScreenMaker:
    """Build `desktop_app.ui.<package.module>.<class_name>(db, opener)`, imported on first use."""

    def make(db: Database, opener: RecordOpener) -> QWidget:
        screen_class = getattr(importlib.import_module(f"desktop_app.ui.{module}"), class_name)
        made: QWidget = screen_class(db, opener)
        return made

    return make
