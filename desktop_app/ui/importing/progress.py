"""How far an import or an export has got, from the service's steps to a label and a bar.

Both run their service on the task pool (`run_task`) from a `TaskDialog`: `reporting(report)`
is the service's progress callback there, and `StageProgress` shows each step on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from desktop_app.services.importing.template_import import ImportProgress, Progress
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.common.worker import Report, Task


class TaskDialog(FittedDialog):
    """A dialog whose work runs on the task pool as `self.task`. Closing it while the work
    runs cancels the work, which then leaves nothing half done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self.task.cancel()
        super().closeEvent(event)


def reporting(report: Report) -> Progress:
    """The service's progress callback: each step goes to the worker's `report`, which is
    also where the task stops once the user has cancelled."""

    def progress(step: ImportProgress) -> None:
        report(step.done, step.total, step.stage)

    return progress


class StageProgress:
    """A label saying what is being done and a bar saying how far it has got."""

    def __init__(self, label: QLabel, bar: QProgressBar) -> None:
        self.label = label
        self.bar = bar

    def begin(self, text: str) -> None:
        """`text` with a moving bar, until the first step says how much there is."""
        self.label.setText(text)
        self.bar.setRange(0, 0)

    def show_step(self, done: int, total: int, stage: str) -> None:
        self.label.setText(f"{stage}…")
        self.bar.setRange(0, total)
        self.bar.setValue(done)
