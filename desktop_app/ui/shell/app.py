"""Starting the GUI: the Qt application, the crash path, and the one main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.app_dirs import APP_NAME
from desktop_app.ui.common import worker
from desktop_app.ui.shell.app_icon import app_icon
from desktop_app.ui.shell.crash import CrashReporter
from desktop_app.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("peerlog")
    app.setWindowIcon(app_icon())
    return app


# The exit status when PeerLog met a bug (BSD's EX_SOFTWARE); the report is in the log.
EXIT_BUG = 70


def run_gui(database: Path | None, demo: bool) -> int:
    app = make_application()
    reporter = CrashReporter()
    reporter.install()
    try:
        window = MainWindow()
        if database is not None:
            window.open_folder(database)
        window.show()
        if demo:
            window.start.open_demo()
    except Exception:
        # Before the event loop runs, the reporter's queued dialog would never appear (and a
        # frozen Windows or macOS app would show the bootloader's box with the raw message).
        reporter.report_now(*sys.exc_info())
        return EXIT_BUG
    log.info("Started the app (PeerLog %s)", __version__)
    code = app.exec()
    worker.wait_for_tasks()
    return code
