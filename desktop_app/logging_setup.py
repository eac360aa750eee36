"""Logging to a rotating file in the user's log folder, readable by the user only.

Log lines say what happened (opened, migrated, backup written, error class), never record contents:
no names, notes, organisation names or secrets. Paths are logged by file name only.
"""

import logging
import logging.handlers
from pathlib import Path

from desktop_app import app_dirs
from desktop_app.store.private_files import create_private_file

LOG_FILE_NAME = "peerlog.log"
_configured = False


def setup_logging(level: int = logging.INFO) -> Path:
    global _configured
    path = app_dirs.log_dir() / LOG_FILE_NAME
    if _configured:
        return path
    create_private_file(path)  # the handler then opens the owner-only file
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.rotator = _rotate_privately
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desktop_app")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = True
    return path


def _rotate_privately(source: str, dest: str) -> None:
    """Rotate, and make the new log file owner-only before the handler opens it again."""
    Path(source).rename(dest)
    create_private_file(Path(source))
