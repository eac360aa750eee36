"""One sync, as a task for the worker: sync, then read how the other laptops stand. A sync that
cannot run gives back its plain message rather than raising it, so the window decides how to
show it (a message after Sync now, a line on Home after a quiet sync)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.sync.report import SyncProblem, SyncReport, SyncStatus
from desktop_app.services import access, sync
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.worker import Report


@dataclass(frozen=True)
class SyncOutcome:
    report: SyncReport | None = None
    status: SyncStatus | None = None
    problem: str = ""  # why it did not run, in plain words
    absent: bool = False  # a quiet sync found no folder (a USB stick not plugged in): not run


def may_sync_quietly(db: Database) -> bool:
    """Sharing, and this user may sync. (Whether the folder is there is asked on the worker: a
    network drive that has gone can take seconds to answer.)"""
    return sync.share_folder(db) is not None and access.allowed(db, Permission.LOG_RECORDS)


def run_sync(db: Database, report: Report, quiet: bool = False) -> SyncOutcome:
    report(0, 0, "Looking in the shared folder…")  # where a cancelled sync stops before it starts
    folder = sync.share_folder(db)
    if quiet and (folder is None or not folder.is_dir()):
        return SyncOutcome(absent=True)
    try:
        done = sync.sync_now(db, report)
    except SyncProblem as problem:
        return SyncOutcome(problem=str(problem))
    except StoreError as error:
        return SyncOutcome(problem=f"The sync did not finish: {error}")
    try:
        status = sync.status(db)
    except SyncProblem:
        status = None
    return SyncOutcome(done, status)


class Finished:
    """Set on the worker thread when a sync task has ended, so locking can wait for it for a
    limited time without running the event loop."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.outcome: SyncOutcome | None = None

    def wrap(self, fn: Callable[[Report], SyncOutcome]) -> Callable[[Report], SyncOutcome]:
        def run(report: Report) -> SyncOutcome:
            try:
                self.outcome = fn(report)
                return self.outcome
            finally:
                self._event.set()

        return run

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)
