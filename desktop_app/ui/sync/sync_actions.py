"""Syncing from the window: File → Sync now (progress, then the report), quietly after unlocking
and before locking, and File → Changes to check.

A quiet sync runs only when a shared folder is set and is there (a folder not there is said on
Home); what stops it is a line in the status bar and on Home, never a message box. Locking
waits for a sync under way (or a last quick one) for at most LOCK_WAIT_S seconds: forms being
typed in are kept as drafts before that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from desktop_app.ui.common import messages
from desktop_app.ui.common.worker import Report, Task, run_task
from desktop_app.ui.sync.sync_events import events, note_problem

if TYPE_CHECKING:  # the services are loaded at the first sync, not while PeerLog starts
    from desktop_app.domain.sync.report import SyncReport
    from desktop_app.store.database import Database
    from desktop_app.store.errors import StoreError
    from desktop_app.ui.sync.sync_task import Finished, SyncOutcome

log = logging.getLogger(__name__)

TITLE = "Sync now"
LOCK_WAIT_S = 5.0

Say = Callable[[str, int], None]  # the status bar: text, milliseconds (0: until replaced)


class SyncActions(QObject):
    """`where()` gives the open database and the widget its windows belong to (the workspace),
    or None while locked; `say` writes in the status bar."""

    def __init__(
        self,
        where: Callable[[], tuple[Database, QWidget] | None],
        say: Say,
        records_changed: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._where = where
        self._say = say
        self._records_changed = records_changed
        self._running: tuple[Task, Finished] | None = None
        self._sync_now_next = False  # Sync now was asked for while a quiet sync ran

    @property
    def running(self) -> bool:
        return self._running is not None and self._running[0].is_running

    def _start(self, db: Database, start: Callable[..., Task], quiet: bool = False) -> None:
        from desktop_app.ui.sync.sync_task import Finished, run_sync

        finished = Finished()
        task = start(finished.wrap(lambda report: run_sync(db, report, quiet)))
        self._running = (task, finished)

    # Sync now ------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        where = self._where()
        if where is None:
            return
        db, parent = where
        if self.running:
            self._sync_now_next = True
            self._say("Syncing already; Sync now follows in a moment.", 8000)
            return

        from desktop_app.ui.common.progress_dialog import run_with_progress

        def start(fn: Callable[[Report], SyncOutcome]) -> Task:
            return run_with_progress(parent, TITLE, fn, lambda o: self._after_sync_now(db, o))[1]

        self._start(db, start)

    def _after_sync_now(self, db: Database, outcome: SyncOutcome) -> None:
        where = self._where()
        note_problem(db.folder, outcome.problem)
        if outcome.problem or outcome.report is None:
            events().synced.emit()
            if where is not None:
                messages.show_error(where[1], "The sync did not run", outcome.problem)
            return
        self._synced(outcome.report)
        if where is None:
            return
        from desktop_app.ui.sync.report_dialog import SyncReportDialog

        dialog = SyncReportDialog(db, outcome.report, outcome.status, where[1])
        dialog.review_requested.connect(self.review)
        dialog.sync_again.connect(self.sync_now)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _synced(self, report: SyncReport) -> None:
        if report.changed_anything:
            self._records_changed()
        events().synced.emit()

    # Quietly, after unlocking and before locking --------------------------------------------

    def sync_quietly(self) -> None:
        from desktop_app.ui.sync.sync_task import may_sync_quietly

        where = self._where()
        if where is None or self.running or not may_sync_quietly(where[0]):
            return
        db, owner = where

        def done(outcome: SyncOutcome) -> None:
            note_problem(db.folder, outcome.problem)
            if outcome.report is not None:
                self._synced(outcome.report)
                self._say(_quiet_summary(outcome.report), 15000)
            else:
                events().synced.emit()  # Home says when the folder is not there
                if not outcome.absent:
                    self._say(f"Not synced with the other laptops: {outcome.problem}", 0)
            self._then_sync_now()

        def failed(error: StoreError) -> None:
            note_problem(db.folder, str(error))
            self._say(f"Not synced with the other laptops: {error}", 0)
            self._then_sync_now()

        self._start(db, lambda fn: run_task(owner, fn, done, failed), quiet=True)

    def _then_sync_now(self) -> None:
        if self._sync_now_next:
            self._sync_now_next = False
            self._running = None
            self.sync_now()

    def before_lock(self, db: Database) -> str:
        """Let a sync under way finish, or run one last quick sync, for at most LOCK_WAIT_S
        seconds; the window does not repaint meanwhile. What to say after locking, if
        anything."""
        from desktop_app.ui.sync.sync_task import may_sync_quietly

        self._sync_now_next = False
        if not self.running:
            self._running = None
            if self._where() is None or not may_sync_quietly(db):
                return ""
            self.sync_quietly()
        if self._running is None:
            return ""
        task, finished = self._running
        if not finished.wait(LOCK_WAIT_S):
            task.cancel()  # it stops at its next step; a stopped sync changes nothing
            log.info("The sync before locking did not finish in time")
            return "The sync before locking did not finish; it runs again after unlocking."
        problem = finished.outcome.problem if finished.outcome else ""
        note_problem(db.folder, problem)
        return f"Not synced with the other laptops: {problem}" if problem else ""

    # Changes to check ----------------------------------------------------------------------

    @Slot()
    def review(self) -> None:
        where = self._where()
        if where is None:
            return
        from desktop_app.ui.sync.review_dialog import ChangesToCheckDialog

        dialog = ChangesToCheckDialog(where[0], where[1])
        dialog.decided.connect(self._records_changed)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()


def _quiet_summary(report: SyncReport) -> str:
    came = sum(
        sum(c.added.values()) + sum(c.updated.values()) + sum(c.removed.values())
        for c in report.received
    )
    said = (
        f"Synced with the other laptops: {came:,} change{'s' if came != 1 else ''} came in."
        if came
        else "Synced with the other laptops: nothing new came in."
    )
    if report.new_conflicts:
        count = report.new_conflicts
        said += f" {count:,} change{'s' if count != 1 else ''} to check: File → Changes to check…"
    if report.held:
        said += " Some removals wait for a coordinator: use File → Sync now to see them."
    return said
