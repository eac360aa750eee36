"""The Qt half of `PeerLog --self-test`: can this copy of PeerLog draw its windows?

It runs on whatever platform QT_QPA_PLATFORM names (the self-test sets "offscreen"), shows the
windows, lets Qt paint them once, and closes them again. Problems come back as exceptions.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services import outcomes, people
from desktop_app.store.database import Database
from desktop_app.ui.about_dialog import AboutDialog
from desktop_app.ui.app_icon import app_icon
from desktop_app.ui.outcome_chart import OutcomeChart


class WindowProblem(Exception):
    """A window did not show or paint."""


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(["PeerLog"])


def _paint(window: QWidget) -> None:
    """Show `window`, let Qt lay it out and paint it, and check that something was drawn."""
    window.show()
    QApplication.processEvents()
    if not window.isVisible():
        raise WindowProblem(f"{type(window).__name__} did not show")
    if window.grab().isNull():
        raise WindowProblem(f"{type(window).__name__} could not be painted")


def _person_with_scores(db: Database) -> str:
    for row in people.list_people(db).rows:
        if outcomes.person_outcomes(db, row.id):
            return row.id
    raise WindowProblem("the demo database has nobody with wellbeing scores to chart")


def _show_and_close(window: QWidget) -> None:
    try:
        _paint(window)
    finally:
        window.close()
        window.deleteLater()


def open_windows(db: Database) -> list[str]:
    """Show PeerLog's windows on the open database `db`; the names of the windows shown."""
    application()
    if app_icon().pixmap(32, 32).isNull():
        raise WindowProblem("the application icon could not be drawn (image plugins missing?)")
    shown = []
    # TODO(issue 8): the GUI (branch `gui`) has not landed in main yet, so there is no main
    # window to open. When it lands, show desktop_app.ui.main_window.MainWindow here and call
    # its show_database(db), then lock() and close it; `db` is already open for it.
    _show_and_close(AboutDialog())
    shown.append("About PeerLog")
    chart = OutcomeChart(db, _person_with_scores(db))
    if not chart.views:
        raise WindowProblem("the scores chart drew no chart")
    _show_and_close(chart)
    shown.append("a wellbeing scores chart")
    QApplication.processEvents()
    return shown
