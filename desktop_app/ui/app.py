"""Starting the GUI: the Qt application, the crash path, and the one main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.app_dirs import APP_NAME
from desktop_app.resources import resource_path
from desktop_app.ui import worker
from desktop_app.ui.crash import CrashReporter
from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("peerlog")
    app.setWindowIcon(QIcon(str(resource_path("icons", "peerlog.svg"))))
    return app


def run_gui(database: Path | None, demo: bool) -> int:
    app = make_application()
    reporter = CrashReporter()
    reporter.install()
    window = MainWindow()
    if database is not None:
        window.open_folder(database)
    window.show()
    if demo:
        window.start.open_demo()
    log.info("Started the app (PeerLog %s)", __version__)
    code = app.exec()
    worker.wait_for_tasks()
    return code
