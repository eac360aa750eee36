"""Background tasks deliver their result, progress and errors on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import worker


class Outcome:
    def __init__(self) -> None:
        self.results: list[Any] = []
        self.errors: list[StoreError] = []
        self.progress: list[tuple[int, int, str, bool]] = []
        self.cancelled = False

    def on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.append((done, total, text, threading.current_thread() is GUI_THREAD))


GUI_THREAD = threading.main_thread()


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()

    def job(report: worker.Report) -> tuple[str, bool]:
        for step in range(3):
            report(step, 3, f"step {step}")
        return "done", threading.current_thread() is GUI_THREAD

    worker.run_task(owner, job, outcome.results.append, outcome.errors.append, outcome.on_progress)
    qtbot.waitUntil(lambda: bool(outcome.results))
    assert outcome.results == [("done", False)]
    assert [p[:3] for p in outcome.progress] == [(n, 3, f"step {n}") for n in range(3)]
    assert all(p[3] for p in outcome.progress)
    assert worker.running_tasks() == 0


def test_store_errors_go_to_on_error(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()

    def job(_report: worker.Report) -> None:
        raise StoreError("The disk is full.")

    worker.run_task(owner, job, outcome.results.append, outcome.errors.append)
    qtbot.waitUntil(lambda: bool(outcome.errors))
    assert str(outcome.errors[0]) == "The disk is full."
    assert outcome.results == []


def test_cancel_stops_at_the_next_report(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()
    started = threading.Event()
    release = threading.Event()

    def job(report: worker.Report) -> str:
        started.set()
        release.wait(5)
        report(1, 2, "half way")
        return "finished anyway"

    def cancelled() -> None:
        outcome.cancelled = True

    task = worker.run_task(
        owner, job, outcome.results.append, outcome.errors.append, on_cancelled=cancelled
    )
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: outcome.cancelled)
    assert outcome.results == []


def test_results_for_a_closed_window_are_dropped(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()
    release = threading.Event()

    def job(_report: worker.Report) -> str:
        release.wait(5)
        return "late"

    task = worker.run_task(owner, job, outcome.results.append, outcome.errors.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    qtbot.waitUntil(lambda: not task.is_running)
    assert outcome.results == []


def test_a_worker_opens_its_own_connection(qtbot: QtBot, db: Database) -> None:
    owner = QWidget()
    outcome = Outcome()
    gui_connection = db.connection()

    def job(_report: worker.Report) -> tuple[bool, str | None]:
        return db.connection() is not gui_connection, db.setting("organisation_name")

    worker.run_task(owner, job, outcome.results.append, outcome.errors.append)
    qtbot.waitUntil(lambda: bool(outcome.results))
    assert outcome.results == [(True, "Test Group")]


def test_bugs_go_down_the_crash_path(qtbot: QtBot) -> None:
    owner = QWidget()
    outcome = Outcome()

    def job(_report: worker.Report) -> None:
        raise ZeroDivisionError("a bug")

    with qtbot.captureExceptions() as exceptions:
        worker.run_task(owner, job, outcome.results.append, outcome.errors.append)
        qtbot.waitUntil(lambda: bool(exceptions))
    assert exceptions[0][0] is ZeroDivisionError
    assert outcome.errors == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(widget))


@pytest.fixture(autouse=True)
def _no_leftover_tasks() -> None:
    assert worker.wait_for_tasks(10_000)
