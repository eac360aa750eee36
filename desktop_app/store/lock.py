"""An exclusive lock on a database folder: a second PeerLog process cannot write beside the first.

The operating system releases the lock when the process ends, even if it is killed, so a crash
never leaves a database locked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from desktop_app.store.errors import AlreadyOpen

LOCK_FILE_NAME = "peerlog.lock"


class FolderLock:
    def __init__(self, handle: IO[bytes]) -> None:
        self._handle: IO[bytes] | None = handle

    @staticmethod
    def acquire(folder: Path) -> FolderLock:
        handle = (folder / LOCK_FILE_NAME).open("a+b")
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
