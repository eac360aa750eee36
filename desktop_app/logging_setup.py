"""Logging to a file in the user's log folder, readable by the user only, kept to a few files
of about a megabyte.

Log lines say what happened (opened, migrated, backup written, error class), never record contents:
no names, notes, organisation names or secrets. Paths are logged by file name only.

The files are rotated when PeerLog starts rather than while it runs: PeerLog writes a few lines a
session, and `logging.handlers` (with the socket and pickle modules it brings) costs more start-up
time than the rest of the command line together.
"""

import contextlib
import logging
from pathlib import Path

from desktop_app import app_dirs
from desktop_app.store.private_files import create_private_file

LOG_FILE_NAME = "peerlog.log"
MAX_BYTES = 1_000_000
KEEP_OLD = 5  # peerlog.log.1 (newest) … peerlog.log.5 (oldest)
_configured = False


def rotate_if_large(path: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP_OLD) -> None:
    """Move peerlog.log to peerlog.log.1 (and each older file one further) once it is large."""
    try:
        if path.stat().st_size < max_bytes:
            return
    except FileNotFoundError:
        return
    path.with_name(f"{path.name}.{keep}").unlink(missing_ok=True)
    for number in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{number + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


class QuietFileHandler(logging.FileHandler):
    """A log file that cannot be written (a full disk, a folder made read-only) loses the line
    quietly: the log must never print tracebacks over what PeerLog is telling the user."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        pass


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the log folder; None (and no log file) when it cannot be written."""
    global _configured
    if _configured:
        return app_dirs.log_dir() / LOG_FILE_NAME
    try:
        path = app_dirs.log_dir() / LOG_FILE_NAME
        handler = _file_handler(path)
    except OSError:
        logging.getLogger("desktop_app").addHandler(logging.NullHandler())
        _configured = True
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desktop_app")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = True
    return path


def _file_handler(path: Path) -> logging.FileHandler:
    with contextlib.suppress(OSError):  # another PeerLog has it open (Windows): write on
        rotate_if_large(path)
    for log_file in (path, *path.parent.glob(f"{LOG_FILE_NAME}.*")):
        create_private_file(log_file)  # owner-only, older files too; the handler opens `path`
    return QuietFileHandler(path, encoding="utf-8")
