"""What every part of the window that shows sync needs to hear: a sync ended (records may have
changed, conflicts may be new), and the problem the last quiet sync met (shown on Home and in
the status bar, never as a message box)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class SyncEvents(QObject):
    synced = Signal()  # a sync ended, or a change to check was decided


_events: SyncEvents | None = None
_problems: dict[Path, str] = {}  # database folder -> what stopped its last quiet sync


def events() -> SyncEvents:
    global _events
    if _events is None:
        _events = SyncEvents()
    return _events


def note_problem(database: Path, problem: str) -> None:
    """`problem` stopped the last sync of `database` ("" when it ran)."""
    if problem:
        _problems[database] = problem
    else:
        _problems.pop(database, None)


def last_problem(database: Path) -> str:
    return _problems.get(database, "")
