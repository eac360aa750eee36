"""Long tasks off the GUI thread, their results back on it.

`run_task(owner, fn, on_done, on_error)` runs `fn(report)` on PeerLog's task pool.
`report(done, total, text)` posts progress and is where a task stops when the user cancels.
The result, or the error, is delivered on the GUI thread: a `StoreError` (something the user
can act on) goes to `on_error`, anything else is a bug and goes to the crash report.

Give tasks plain values (paths, strings, dataclasses), never widgets or live rows. A task that
uses the database calls `db.connection()` on its own thread and so gets its own connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

Report = Callable[[int, int, str], None]


class TaskCancelled(Exception):
    """Raised inside a task by `report()` once the user has asked it to stop."""


_pool = QThreadPool()
_pool.setMaxThreadCount(2)
_running: set[Task] = set()


class _Carrier(QObject):
    """Lives on the GUI thread; the worker emits on it, Qt queues the calls across threads."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Report], Any]) -> None:
        super().__init__()
        self._task = task
        self._fn = fn
        self._carrier = task.carrier

    def run(self) -> None:
        try:
            result = self._fn(self._report)
        except BaseException as exc:
            self._carrier.failed.emit(exc)
        else:
            self._carrier.done.emit(result)

    def _report(self, done: int, total: int, text: str) -> None:
        if self._task.cancel_requested:
            raise TaskCancelled()
        self._carrier.progress.emit(done, total, text)


class Task(QObject):
    """One background job. Its signals always fire on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)

    def __init__(self, fn: Callable[[Report], Any]) -> None:
        super().__init__()
        self.cancel_requested = False
        self.is_running = False
        self.carrier = _Carrier()
        queued = QtCore.Qt.ConnectionType.QueuedConnection  # (Qt's enums: not at import)
        self.carrier.done.connect(self._on_done, queued)
        self.carrier.failed.connect(self._on_failed, queued)
        self.carrier.progress.connect(self.progress, queued)
        self._runnable = _Runnable(self, fn)
        self._runnable.setAutoDelete(False)

    def start(self) -> Task:
        self.is_running = True
        _running.add(self)
        _pool.start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the task to stop at its next progress report."""
        self.cancel_requested = True

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._end()
        self.finished.emit(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._end()
        self.failed.emit(error)

    def _end(self) -> None:
        self.is_running = False
        _running.discard(self)


def run_task(
    owner: QObject,
    fn: Callable[[Report], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[StoreError], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Start `fn` in the background and route its outcome (see the module docstring).

    Nothing is delivered once `owner` (the widget waiting for the result) has been deleted,
    after the database was locked, say.
    """
    task = Task(fn)
    if on_progress is not None:
        task.progress.connect(lambda *args: shiboken6.isValid(owner) and on_progress(*args))

    def done(result: object) -> None:
        if shiboken6.isValid(owner):
            on_done(result)
        else:
            log.info("A background result arrived after its window closed; dropped")

    def failed(error: object) -> None:
        if not shiboken6.isValid(owner) and not _is_bug(error):
            return
        if isinstance(error, TaskCancelled):
            if on_cancelled is not None:
                on_cancelled()
        elif isinstance(error, StoreError):
            on_error(error)
        else:
            _report_bug(error)

    task.finished.connect(done)
    task.failed.connect(failed)
    return task.start()


def _is_bug(error: object) -> bool:
    return not isinstance(error, TaskCancelled | StoreError)


def _report_bug(error: object) -> None:
    from desktop_app.ui.shell import crash

    if isinstance(error, BaseException):
        crash.report_exception(type(error), error, error.__traceback__)


def running_tasks() -> int:
    return len(_running)


def cancel_all() -> None:
    """Ask every running task to stop at its next progress report."""
    for task in list(_running):
        task.cancel()


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Block until every task has finished (at shutdown). True when they all did."""
    return _pool.waitForDone(msecs)
