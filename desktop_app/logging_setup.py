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


def setup_logging(level: int = logging.INFO) -> Path:
    global _configured
    path = app_dirs.log_dir() / LOG_FILE_NAME
    if _configured:
        return path
    with contextlib.suppress(OSError):  # another PeerLog has it open (Windows): write on
        rotate_if_large(path)
    for log_file in (path, *path.parent.glob(f"{LOG_FILE_NAME}.*")):
        create_private_file(log_file)  # owner-only, older files too; the handler opens `path`
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desktop_app")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = True
    return path
