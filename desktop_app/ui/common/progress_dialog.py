"""A long task with a progress bar and a Cancel button (building a return, importing a file).

    run_with_progress(self, "Building the return", build, on_done)

`build(report)` runs on the task pool; `report(done, total, text)` moves the bar and is where the
task stops if the user presses Cancel. `on_done(result)` runs on the GUI thread; a problem the
user can act on is shown in a message, and cancelling just closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.worker import Report, Task, run_task


def run_with_progress(
    parent: QWidget,
    title: str,
    fn: Callable[[Report], Any],
    on_done: Callable[[Any], None],
) -> tuple[QProgressDialog, Task]:
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick tasks finish without a flash of a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(title)

    def progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finished(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(result)

    def failed(error: StoreError) -> None:
        dialog.close()
        dialog.deleteLater()
        messages.show_error(parent, title, str(error))

    def cancelled() -> None:
        dialog.close()
        dialog.deleteLater()

    task = run_task(parent, fn, finished, failed, progress, cancelled)
    dialog.canceled.connect(task.cancel)
    return dialog, task
