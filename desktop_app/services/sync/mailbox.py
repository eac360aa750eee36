"""The shared folder's layout: a mailbox, never a database.

    <share folder>/
        About this folder (PeerLog).txt
        <database id>/
            <laptop id>/                  each laptop writes only in its own folder
                0000000001.peerlog-changes
                0000000002.peerlog-changes
                state.peerlog-state       who it is, what it has applied (sealed)

Files are written under a hidden temporary name and renamed, so a sync service never carries a
half-written file; anything else a sync service leaves (its own temporary files, "conflicted
copies") is skipped, and a conflicted copy is named in the report.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.store.errors import CannotWriteFile
from desktop_app.store.files import fsync_directory, plain_write_errors, write_atomically

CHANGES_SUFFIX = ".peerlog-changes"
STATE_NAME = "state.peerlog-state"
ABOUT_NAME = "About this folder (PeerLog).txt"
ABOUT_TEXT = """\
This folder is how PeerLog laptops share one organisation's records.

Each laptop leaves its changes here, encrypted; only PeerLog, unlocked, can read them. Do not
open, edit, move or delete these files: each laptop tidies its own away once every other laptop
has them. The database itself is never kept here.
"""

_LAPTOP_ID = re.compile(r"^[0-9a-f]{32}$")
_CHANGE_FILE = re.compile(r"^(\d{10})\.peerlog-changes$")
_CONFLICTED = re.compile(r"conflict|\(\d+\)|copy", re.IGNORECASE)


@dataclass(frozen=True)
class ChangeFiles:
    """A laptop's change files in sequence order, and the names skipped (conflicted copies)."""

    files: tuple[tuple[int, Path], ...]
    conflicted: tuple[str, ...]


def change_file_name(sequence: int) -> str:
    return f"{sequence:010d}{CHANGES_SUFFIX}"


def database_folder(share: Path, database_id: str) -> Path:
    return share / database_id


def laptop_folder(share: Path, database_id: str, laptop_id: str) -> Path:
    return database_folder(share, database_id) / laptop_id


def prepare(share: Path, database_id: str, laptop_id: str) -> Path:
    """Make this laptop's folder (and the note saying what the folder is); return it."""
    own = laptop_folder(share, database_id, laptop_id)
    with _plainly(own):
        own.mkdir(parents=True, exist_ok=True)
        about = share / ABOUT_NAME
        if not about.exists():
            write_atomically(about, ABOUT_TEXT.encode())
    tidy_own(own)
    return own


def tidy_own(own: Path) -> None:
    """Remove what a sync service or a stopped sync left in this laptop's own folder: copies it
    made when two versions met, and half-written temporary files. Only this laptop writes here,
    so none of them is anyone else's (and an erased person must not stay in them)."""
    for path in own.iterdir() if own.is_dir() else ():
        name = path.name
        leftover = name.startswith(".") and ".tmp-" in name
        if path.is_file() and (leftover or (_CONFLICTED.search(name) and name != STATE_NAME)):
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def _plainly(path: Path) -> Iterator[None]:
    """Any trouble writing in the shared folder, in words (a file where a folder should be,
    a folder where a file should be, a disk that went away)."""
    try:
        with plain_write_errors(path):
            yield
    except OSError as exc:
        raise CannotWriteFile(
            f"PeerLog could not write {path.name} in the shared folder ({exc.strerror}). Check "
            "the shared folder: something there is in the way. Your changes are safe on this "
            "laptop and will be sent next time."
        ) from exc


def other_laptops(share: Path, database_id: str, laptop_id: str) -> list[str]:
    folder = database_folder(share, database_id)
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and _LAPTOP_ID.match(p.name) and p.name != laptop_id
    )


def change_files(folder: Path) -> ChangeFiles:
    files: list[tuple[int, Path]] = []
    conflicted: list[str] = []
    if folder.is_dir():
        for path in folder.iterdir():
            name = path.name
            match = _CHANGE_FILE.match(name)
            if match and path.is_file():
                files.append((int(match.group(1)), path))
            elif not name.startswith(".") and name != STATE_NAME and _CONFLICTED.search(name):
                conflicted.append(name)
    return ChangeFiles(tuple(sorted(files)), tuple(sorted(conflicted)))


def write_file(path: Path, data: bytes) -> None:
    """Write under a hidden temporary name, then rename: readers see the whole file or none.
    A full disk or a folder that cannot be written raises CannotWriteFile."""
    with _plainly(path):
        write_atomically(path, data)


def remove_files(paths: list[Path]) -> None:
    if not paths:
        return
    for path in paths:
        with _plainly(path):
            path.unlink(missing_ok=True)
    fsync_directory(paths[0].parent)
