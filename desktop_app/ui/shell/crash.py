"""What happens when PeerLog meets a bug: a calm dialog with a report the user can copy.

The report says where in PeerLog's code things went wrong (version, system, the chain of calls),
never what data was involved: error messages are left out, except for kinds of error whose
messages only ever talk about code, because a message can quote a name or a note.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QTimer, Signal, Slot, qVersion

from desktop_app import __version__

log = logging.getLogger(__name__)

# These errors describe code (a missing attribute, a wrong type), not the data being handled.
_MESSAGES_ABOUT_CODE = (AttributeError, NameError, ImportError, NotImplementedError, TypeError)


def _where(filename: str) -> str:
    """A source path without the user's folders in it."""
    parts = Path(filename).parts
    for anchor in ("desktop_app", "PySide6", "shiboken6"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(filename).name


def _describe(error: BaseException, tb: TracebackType | None) -> list[str]:
    name = type(error).__qualname__
    if isinstance(error, _MESSAGES_ABOUT_CODE):
        lines = [f"{name}: {error}"]
    else:
        lines = [f"{name} (its message is left out: it could quote your records)"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{_where(frame.filename)}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return lines


def crash_report(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """The text a user can copy and send; no record contents, no secrets, no user folders."""
    import platform  # here rather than at start-up: most runs never need it

    lines = [
        f"PeerLog {__version__} met an unexpected problem.",
        f"When (UTC): {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"System: {platform.system()} {platform.release()} ({platform.machine()})",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        "",
    ]
    chain: list[tuple[BaseException, TracebackType | None]] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 5:
        chain.append((current, current.__traceback__ if current is not error else tb))
        current = current.__cause__ or current.__context__
    for index, (link, link_tb) in enumerate(reversed(chain)):
        if index:
            lines += ["", "which led to:"]
        lines += _describe(link, link_tb)
    return "\n".join(lines)


class CrashReporter(QObject):
    """Catches uncaught exceptions on any thread and shows them on the GUI thread."""

    crashed = Signal(str)

    def __init__(self, show_dialog: bool = True) -> None:
        super().__init__()
        self.show_dialog = show_dialog
        self.reports: list[str] = []
        self._showing = False
        # From another thread Qt queues the call to the GUI thread. Not a QueuedConnection:
        # naming one makes PySide build all of Qt's enums, which start-up need not wait for.
        self.crashed.connect(self._show_soon)

    def install(self) -> None:
        global _reporter
        _reporter = self
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
        )

    def handle(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, tb)
            return
        report = crash_report(exc_type, error, tb)
        log.error("Unexpected problem\n%s", report)
        self.reports.append(report)
        self.crashed.emit(report)

    def report_now(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """For a bug met before the event loop runs: log it and show the dialog at once (the
        queued copy is ignored while this one is open)."""
        self._showing = True
        try:
            known = len(self.reports)
            self.handle(exc_type, error, tb)
            if self.show_dialog and len(self.reports) > known:
                from desktop_app.ui.shell.crash_dialog import CrashDialog

                CrashDialog(self.reports[-1]).exec()
        finally:
            self._showing = False

    @Slot(str)
    def _show_soon(self, report: str) -> None:
        QTimer.singleShot(0, lambda: self._show(report))  # once the failed call has returned

    def _show(self, report: str) -> None:
        if not self.show_dialog or self._showing:
            return
        from desktop_app.ui.shell.crash_dialog import CrashDialog
        # not loaded at start: rarely needed

        self._showing = True
        try:
            CrashDialog(report).exec()
        finally:
            self._showing = False


_reporter: CrashReporter | None = None


def report_exception(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Send a bug caught elsewhere (a background task, say) down the crash path."""
    if _reporter is not None:
        _reporter.handle(exc_type, error, tb)
    else:
        sys.excepthook(exc_type, error, tb)
