"""The Qt half of `PeerLog --self-test`: can this copy of PeerLog draw its windows, and would its
crash report work?

It runs on whatever platform QT_QPA_PLATFORM names (the self-test sets "offscreen"), shows the
windows, lets Qt paint them once, and closes them again. Problems come back as exceptions.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services import outcomes, people
from desktop_app.store.database import Database
from desktop_app.ui.outcomes.outcome_chart import OutcomeChart
from desktop_app.ui.shell.about_dialog import AboutDialog
from desktop_app.ui.shell.app import make_application
from desktop_app.ui.shell.crash import crash_report
from desktop_app.ui.shell.crash_dialog import CrashDialog
from desktop_app.ui.shell.main_window import MainWindow, sections

CANARY = "Canary Person 7Q"  # stands for record contents in an error message


class WindowProblem(Exception):
    """A window did not show or paint."""


def _paint(window: QWidget) -> None:
    """Show `window`, let Qt lay it out and paint it, and check that something was drawn."""
    window.show()
    QApplication.processEvents()
    if not window.isVisible():
        raise WindowProblem(f"{type(window).__name__} did not show")
    if window.grab().isNull():
        raise WindowProblem(f"{type(window).__name__} could not be painted")


def _show_and_close(window: QWidget) -> None:
    try:
        _paint(window)
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def _person_with_scores(db: Database) -> str:
    for row in people.list_people(db).rows:
        if outcomes.person_outcomes(db, row.id):
            return row.id
    raise WindowProblem("the demo database has nobody with wellbeing scores to chart")


def open_windows(db: Database) -> list[str]:
    """Show PeerLog's windows on the open database `db`, every section of the main window
    included; the names of what was shown. The main window locks `db` (closes it) at the end."""
    app = make_application()
    if app.windowIcon().pixmap(32, 32).isNull():
        raise WindowProblem("the application icon could not be drawn (image plugins missing?)")
    shown = []
    _show_and_close(AboutDialog())
    shown.append("About PeerLog")
    chart = OutcomeChart(db, _person_with_scores(db))
    if not chart.views:
        raise WindowProblem("the scores chart drew no chart")
    _show_and_close(chart)
    shown.append("a wellbeing scores chart")

    window = MainWindow()
    try:
        _paint(window)
        window.show_database(db)
        for index, section in enumerate(sections()):
            window.go_to(index)
            _paint(window)
            shown.append(section.title)
        window.lock()
        if window.db is not None or db.is_open:
            raise WindowProblem("locking the main window left the database open")
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return shown


def check_crash_report() -> str:
    """Build a report from a made-up bug whose message quotes a 'name', and show its dialog."""
    try:
        raise RuntimeError(f"could not save {CANARY}")
    except RuntimeError:
        exc_type, error, tb = sys.exc_info()
        assert exc_type is not None and error is not None
        report = crash_report(exc_type, error, tb)
    if CANARY in report:
        raise WindowProblem("the crash report carries an error message that could quote records")
    for expected in ("PeerLog ", "System: ", "RuntimeError", "check_crash_report"):
        if expected not in report:
            raise WindowProblem(f"the crash report lacks {expected.strip()!r}")
    make_application()
    _show_and_close(CrashDialog(report))
    return f"a {len(report.splitlines())}-line report without the message, and its dialog"
