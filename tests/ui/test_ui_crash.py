"""The crash report helps find the bug and never carries record contents."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.ui.shell.crash import CrashReporter, crash_report
from desktop_app.ui.shell.crash_dialog import CrashDialog

A_NAME = "Bernadette Okonkwo"


def _raise_with_a_name() -> None:
    try:
        int(A_NAME)
    except ValueError as exc:
        raise RuntimeError(f"could not save {A_NAME}") from exc


def _report_of(fn: object) -> str:
    try:
        fn()  # type: ignore[operator]
    except Exception:
        exc_type, error, tb = sys.exc_info()
        assert exc_type is not None and error is not None
        return crash_report(exc_type, error, tb)
    raise AssertionError("expected an exception")


def test_report_says_where_but_not_what() -> None:
    report = _report_of(_raise_with_a_name)
    assert f"PeerLog {__version__}" in report
    assert "Python " in report and "Qt " in report
    assert "ValueError" in report and "RuntimeError" in report
    assert "which led to:" in report
    assert "_raise_with_a_name" in report
    assert 'File "test_ui_crash.py"' in report, "paths are shortened to leave out user folders"
    assert A_NAME not in report


def test_messages_that_only_describe_code_are_kept() -> None:
    report = _report_of(lambda: None.missing)  # type: ignore[attr-defined]
    assert "'NoneType' object has no attribute 'missing'" in report


def test_reporter_logs_and_signals(qtbot: QtBot) -> None:
    reporter = CrashReporter(show_dialog=False)
    try:
        _raise_with_a_name()
    except RuntimeError:
        with qtbot.waitSignal(reporter.crashed) as signal:
            reporter.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert signal.args is not None and "RuntimeError" in signal.args[0]
    assert reporter.reports == [signal.args[0]]


def test_dialog_copies_the_report(qtbot: QtBot) -> None:
    dialog = CrashDialog("the report text")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.text.toPlainText() == "the report text"
    assert dialog.text.isReadOnly()
    dialog.copy_button.setFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "the report text"
