"""Long tasks show progress, can be cancelled, and report problems in plain words."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.progress_dialog import run_with_progress
from desktop_app.ui.common.worker import Report


def test_progress_then_result(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[Any] = []

    def job(report: Report) -> str:
        for step in range(1, 5):
            report(step, 4, f"Step {step} of 4")
        return "built"

    def done(result: str) -> None:
        results.append((result, dialog.maximum(), dialog.labelText()))

    dialog, _task = run_with_progress(parent, "Building", job, done)
    qtbot.waitUntil(lambda: bool(results))
    assert results == [("built", 4, "Step 4 of 4")]


def test_cancel_stops_the_task(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[Any] = []
    started, release = threading.Event(), threading.Event()

    def job(report: Report) -> str:
        started.set()
        release.wait(5)
        report(1, 2, "")
        return "should not arrive"

    dialog, task = run_with_progress(parent, "Building", job, results.append)
    assert started.wait(5)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not task.is_running)
    assert results == []


def test_a_problem_is_shown_in_words(qtbot: QtBot, shown_messages: list[messages.Shown]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def job(_report: Report) -> None:
        raise StoreError("The disk is full, so nothing was written.")

    _dialog, task = run_with_progress(parent, "Building", job, lambda _r: None)
    qtbot.waitUntil(lambda: not task.is_running)
    assert shown_messages[-1].text == "The disk is full, so nothing was written."
