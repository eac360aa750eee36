"""An exclusive lock on a database folder: a second PeerLog process cannot write beside the first.

The operating system releases the lock when the process ends, even if it is killed, so a crash
never leaves a database locked.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

from desktop_app.store.connection import error_for
from desktop_app.store.errors import AlreadyOpen, StoreError
from desktop_app.store.private_files import PRIVATE_FILE

LOCK_FILE_NAME = "peerlog.lock"
# a link is not followed (it could point anywhere), and a pipe does not make opening wait
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class NotALockFile(StoreError):
    default_message = (
        f"The file {LOCK_FILE_NAME} in the database folder is not an ordinary file (it is a "
        "folder, a link or something else). Move it out of the database folder, then try again."
    )


class FolderLock:
    def __init__(self, handle: IO[bytes]) -> None:
        self._handle: IO[bytes] | None = handle

    @staticmethod
    def acquire(folder: Path) -> FolderLock:
        handle = _open_lock_file(folder / LOCK_FILE_NAME)
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise AlreadyOpen() from exc
        return FolderLock(handle)

    def release(self) -> None:
        if self._handle is not None:
            try:
                _unlock(self._handle)
            finally:
                self._handle.close()
                self._handle = None


def _open_lock_file(path: Path) -> IO[bytes]:
    try:
        fd = os.open(path, _OPEN_FLAGS, PRIVATE_FILE)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EMLINK):
            raise NotALockFile() from exc
        typed = error_for(exc)
        if typed is None:
            raise
        raise typed from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotALockFile()
    return os.fdopen(fd, "r+b")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
