"""Starting the app: File → About PeerLog, and a bug met while the window is being built."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.ui.shell import app as app_module
from desktop_app.ui.shell import crash, crash_dialog
from desktop_app.ui.shell.about_dialog import AboutDialog
from desktop_app.ui.shell.main_window import MainWindow

A_NAME = "Bernadette Okonkwo"


def close_when_shown(kind: type[QDialog], seen: list[QDialog]) -> QTimer:
    """Close the first `kind` dialog that opens (they block in exec()), keeping it in `seen`."""
    timer = QTimer()

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                seen.append(widget)
                timer.stop()
                widget.reject()

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def test_help_menu_opens_the_about_box(window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert window.about_action in menus["Help"].actions()
    assert window.help_action in menus["Help"].actions()
    seen: list[QDialog] = []
    timer = close_when_shown(AboutDialog, seen)
    window.about_action.trigger()
    timer.stop()
    assert len(seen) == 1
    about = seen[0]
    assert isinstance(about, AboutDialog)
    assert f"PeerLog {__version__}" in about.title.text()


def test_a_bug_while_building_the_window_shows_and_logs_a_report(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # run_gui installs its reporter; put back what was there after the test.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_reporter", crash._reporter)

    def broken_window() -> None:
        raise RuntimeError(f"could not show {A_NAME}")

    monkeypatch.setattr(app_module, "MainWindow", broken_window)
    seen: list[QDialog] = []
    timer = close_when_shown(crash_dialog.CrashDialog, seen)
    with caplog.at_level(logging.ERROR, logger="desktop_app"):
        assert app_module.run_gui(None, demo=False) == app_module.EXIT_BUG
    timer.stop()
    QApplication.processEvents()  # the reporter's queued copy must not open a second dialog

    assert len(seen) == 1
    assert isinstance(seen[0], crash_dialog.CrashDialog)
    report = seen[0].text.toPlainText()
    assert "RuntimeError" in report and "broken_window" in report
    assert A_NAME not in report
    assert "Unexpected problem" in caplog.text and A_NAME not in caplog.text
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in visible if isinstance(w, crash_dialog.CrashDialog)]
