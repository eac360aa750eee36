"""Running a long task (an import, a check, an export) on its own thread, with progress and
Cancel, reporting back through signals.

The task's thread gets its own database connection (`Database.connection()` is per thread) and
passes plain data back: progress numbers and the task's result.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from desktop_app.services.importing import ImportCancelled, ImportProgress
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong, and nothing was changed. Please try again; if it happens again, "
    "tell whoever supports your PeerLog."
)
# task(progress, cancelled) -> result
Task = Callable[[Callable[[ImportProgress], None], Callable[[], bool]], object]


class ProgressWorker(QObject):
    progressed = Signal(str, int, int)  # stage, done, total (0: not known)
    finished = Signal(object)  # the task's result
    cancelled = Signal()
    failed = Signal(str)  # a message to show as it is

    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.stop = threading.Event()
        self.thread_: QThread | None = None

    def start(self) -> None:
        self.thread_ = QThread()
        self.moveToThread(self.thread_)
        self.thread_.started.connect(self._run)
        self.thread_.start()

    @property
    def running(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    def cancel_and_wait(self) -> None:
        self.stop.set()
        self.wait()

    def wait(self) -> None:
        if self.thread_ is not None:
            self.thread_.wait()

    def _run(self) -> None:
        try:
            result = self.task(self._progress, self.stop.is_set)
        except ImportCancelled:
            self.cancelled.emit()
        except StoreError as error:
            self.failed.emit(str(error))
        except OSError:
            self.failed.emit("The file could not be read or written there. Choose another place.")
        except Exception as error:  # a bug: say so plainly, log only its kind
            log.error("A background task failed unexpectedly: %s", type(error).__name__)
            self.failed.emit(UNEXPECTED)
        else:
            self.finished.emit(result)
        finally:
            if self.thread_ is not None:
                self.thread_.quit()

    def _progress(self, progress: ImportProgress) -> None:
        self.progressed.emit(progress.stage, progress.done, progress.total)
