"""Owner-only files: every file PeerLog writes outside the encrypted database (exports, subject
access files, returns, backups, the template, the log) holds an organisation's data, so on a
shared Linux or Mac computer no other account may read it.

Files are created with mode 0o600 from the first byte (`os.open` with that mode, never a chmod
after writing, which would leave a moment when others could read them), and never by changing
the umask: it is process-wide and PeerLog writes from worker threads. Folders made for exports
are 0o700. On Windows the modes mean nothing and nothing special is done: the user profile's
permissions already keep other accounts out.
"""

from __future__ import annotations

import os
import stat
from io import BufferedWriter, TextIOWrapper
from pathlib import Path
from typing import IO, Any, Literal, overload

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def _private_opener(path: str, flags: int) -> int:
    # Emptied only once it is private: a file that cannot be made so (another account owns it)
    # is left as it was, not emptied and then refused.
    fd = os.open(path, flags & ~os.O_TRUNC, PRIVATE_FILE)
    try:
        # A file that was already there keeps its mode through os.open: tighten it before
        # anything is written into it.
        if os.name == "posix" and stat.S_IMODE(os.fstat(fd).st_mode) & ~PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
        if flags & os.O_TRUNC:
            os.ftruncate(fd, 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


@overload
def open_private(path: Path, mode: Literal["wb", "ab"] = "wb") -> BufferedWriter: ...


@overload
def open_private(
    path: Path, mode: Literal["w", "a"], *, encoding: str, newline: str | None = None
) -> TextIOWrapper: ...


def open_private(
    path: Path, mode: str = "wb", *, encoding: str | None = None, newline: str | None = None
) -> IO[Any]:
    """Open `path` for writing as `open()` would, the file readable by its owner only."""
    return open(path, mode, encoding=encoding, newline=newline, opener=_private_opener)


def create_private_file(path: Path) -> None:
    """Make `path` an owner-only file (empty when new; contents kept when it was there), so
    that a library opening it by name later writes into a private file."""
    open_private(path, "ab").close()


def make_private_folder(path: Path, *, parents: bool = False, exist_ok: bool = False) -> None:
    """Make the folder `path` (only its owner may open it). An existing folder is left as it is."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=parents, exist_ok=exist_ok)
