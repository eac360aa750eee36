"""Running an import check or an import on its own thread, reporting back through signals.

The worker's thread gets its own database connection (`Database.connection()` is per thread);
it passes plain data back: progress numbers and an ImportReport.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from desktop_app.services.importing import (
    ImportCancelled,
    ImportProgress,
    ImportRefused,
    preview_import,
    run_import,
)
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong while importing, and nothing was imported. Please try again; if it "
    "happens again, tell whoever supports your PeerLog."
)


class ImportWorker(QObject):
    progressed = Signal(str, int, int)  # stage, done, total (0: not known)
    reported = Signal(object)  # ImportReport: a preview, an import done, or problems
    cancelled = Signal()
    failed = Signal(str)  # a message to show as it is

    def __init__(self, db: Database, source: Path, write: bool) -> None:
        super().__init__()
        self.db = db
        self.source = source
        self.write = write
        self.stop = threading.Event()

    def run(self) -> None:
        action = run_import if self.write else preview_import
        try:
            report = action(self.db, self.source, self._progress, self.stop.is_set)
        except ImportRefused as refused:
            self.reported.emit(refused.report)
        except ImportCancelled:
            self.cancelled.emit()
        except StoreError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so plainly, log only its kind
            log.error("Import failed unexpectedly: %s", type(error).__name__)
            self.failed.emit(UNEXPECTED)
        else:
            self.reported.emit(report)
        finally:
            thread = self.thread()
            if thread is not None:
                thread.quit()

    def _progress(self, progress: ImportProgress) -> None:
        self.progressed.emit(progress.stage, progress.done, progress.total)


def start_worker(worker: ImportWorker) -> QThread:
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    thread.start()
    return thread
