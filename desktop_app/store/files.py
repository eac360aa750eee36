"""Small file-system helpers that make writes crash-safe (and owner-only: see private_files)."""

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from desktop_app.store.errors import CannotWriteFile
from desktop_app.store.private_files import open_private

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


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


@contextlib.contextmanager
def written_in_place(path: Path) -> Iterator[Path]:
    """A hidden path beside `path` to write the new file (or folder) into; it becomes `path`
    when the block ends, and is removed if the block fails, so that a full disk or an error
    never leaves a half-written or empty file. A full disk or a folder PeerLog may not write
    to raises CannotWriteFile saying so."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with plain_write_errors(path):
            yield tmp
            os.replace(tmp, path)
    finally:
        remove_quietly(tmp)


@contextlib.contextmanager
def plain_write_errors(path: Path) -> Iterator[None]:
    """Writing `path`: the system's errors for a full disk or a folder PeerLog may not write to
    become CannotWriteFile, in words a volunteer can act on."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _FULL:
            raise CannotWriteFile(
                f"The disk is full, so {path.name} could not be written (nothing of it was "
                "left). Free some space, or choose another disk, and try again."
            ) from exc
        if exc.errno in _NOT_ALLOWED:
            raise CannotWriteFile(
                f"PeerLog may not write to the folder {path.parent}. Choose a folder you can "
                "write to, such as Documents, and try again."
            ) from exc
        raise


def remove_quietly(path: Path) -> None:
    """Remove a file or folder (a link itself, never what it points to), if it can be."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
