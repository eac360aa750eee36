"""The mapping dialog over a 100,000-row workbook: how long the GUI thread is held.

    python -m benchmarks.mapping_dialog

For each step (opening, choosing another sheet, another row of headings, Preview): how long
the call takes to return, how long until every read has been answered, and the longest gap
between the ticks of a 10 ms timer meanwhile, which is how long the window could not repaint.
One run of each step (the table's "median" column holds that run).
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Figure, ms, print_table, verdict
from benchmarks.import_100k import write_sources

STALL_TARGET = 0.2  # a hitch the eye may catch; a freeze is seconds


def measure(act: Callable[[], object], reading: Callable[[], bool]) -> tuple[float, float, float]:
    """(call returned, reads answered, longest gap between ticks), in seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    act()
    returned = time.perf_counter()
    loop = QEventLoop()

    def check() -> None:
        if reading():
            QTimer.singleShot(5, check)
        else:
            loop.quit()

    QTimer.singleShot(0, check)
    loop.exec()
    timer.stop()
    points = [start, returned, *ticks]
    gap = max(b - a for a, b in itertools.pairwise(points))
    return returned - start, time.perf_counter() - start, gap


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PEERLOG_FAST_KDF"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PEERLOG_HOME"] = str(folder / "home")
        _, workbook = write_sources(folder)
        from PySide6.QtWidgets import QApplication

        from desktop_app.services.databases import create_database
        from desktop_app.ui.common import worker
        from desktop_app.ui.importing.mapping_dialog import MappingDialog

        app = QApplication.instance() or QApplication(sys.argv)
        db = create_database(folder / "b.peerlog", "Benchmark", "benchmark passphrase").database
        opened: list[MappingDialog] = []
        steps: list[tuple[str, Callable[[], object]]] = [
            (
                "open (sheets, first rows, values of gender)",
                lambda: opened.append(MappingDialog(db, workbook)),
            ),
            ("choose another sheet", lambda: opened[0].sheet_box.setCurrentText("sessions")),
            (
                "another row of headings (rows in hand)",
                lambda: opened[0].header_row_box.setValue(2),
            ),
            ("back to a sheet read before", lambda: opened[0].sheet_box.setCurrentText("people")),
            ("Preview", lambda: opened[0].show_preview()),
        ]
        figures = []
        for what, act in steps:
            returned, answered, gap = measure(act, lambda: bool(opened) and opened[0].reading)
            figures.append(
                Figure(
                    f"mapping dialog, 100,000 rows: {what}",
                    f"returns in {ms(returned)}, read in {ms(answered)}",
                    f"longest stall < {ms(STALL_TARGET)}",
                    verdict(gap < STALL_TARGET, ms(gap)),
                )
            )
        opened[0].reject()
        worker.wait_for_tasks()
        db.close()
        del app
    print_table(figures)


if __name__ == "__main__":
    main()
