"""Small file-system helpers that make writes crash-safe (and owner-only: see private_files)."""

import contextlib
import os
from pathlib import Path

from desktop_app.store.private_files import open_private


def fsync_directory(directory: Path) -> None:
    """Make a rename inside `directory` durable (a no-op where the system cannot do it)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new content.
    The new file is readable by its owner only."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open_private(tmp) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_directory(path.parent)
