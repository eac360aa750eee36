"""A private folder for temporary files, cleared when PeerLog starts.

Libraries write temporary files of their own: openpyxl keeps each sheet of a large workbook in
one until it is saved, holding names and notes in plain text. Left in the system's temporary
folder, a crash or a kill leaves them there for good. So each PeerLog process points Python's
`tempfile` at its own owner-only folder under PeerLog's scratch folder, holds a lock on it while
it runs, and removes it at exit; the next PeerLog to start removes the folders whose process is
gone (their lock is free), and the hidden `.partial` exports they noted.

`private_scratch` wraps the whole run of the command line or the app (cli.main).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.store.errors import AlreadyOpen
from desktop_app.store.files import remove_quietly
from desktop_app.store.lock import FolderLock
from desktop_app.store.private_files import make_private_folder, open_private

log = logging.getLogger(__name__)

PARTIALS_FILE = "partial-outputs.txt"  # hidden .partial exports being written, one a line
_own: Path | None = None


@contextlib.contextmanager
def private_scratch(root: Path) -> Iterator[Path | None]:
    """While the block runs, temporary files go into this process's own folder in `root`
    (made after clearing what ended processes left there), removed when the block ends. None
    (temporary files stay where they were) when `root` cannot be written."""
    global _own
    if _own is not None:  # already set up by an outer block
        yield _own
        return
    try:
        make_private_folder(root, parents=True, exist_ok=True)
        clear_leftovers(root)
        folder = root / f"{os.getpid()}-{secrets.token_hex(4)}"
        make_private_folder(folder)
        lock = FolderLock.acquire(folder)
    except (OSError, AlreadyOpen):
        log.warning("No private folder for temporary files")
        yield None
        return
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    _own = folder
    try:
        yield folder
    finally:
        _own = None
        tempfile.tempdir = before
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)


def clear_leftovers(root: Path) -> None:
    """Remove the folders of PeerLog processes that have ended, and the .partial exports they
    were writing."""
    for folder in root.iterdir():
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            lock = FolderLock.acquire(folder)
        except (AlreadyOpen, OSError):
            continue  # a PeerLog still running uses it
        try:
            for partial in _noted_partials(folder):
                remove_quietly(partial)
        finally:
            lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        log.info("Removed temporary files left by an earlier PeerLog")


@contextlib.contextmanager
def noted_partial(path: Path) -> Iterator[None]:
    """While the hidden `path` (an export being written) exists, it is noted in this process's
    folder, so that the next PeerLog removes it if this one is killed."""
    if _own is None:
        yield
        return
    notes = _own / PARTIALS_FILE
    with open_private(notes, "a", encoding="utf-8") as f:
        f.write(f"{path}\n")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            kept = [line for line in _lines(notes) if line != str(path)]
            with open_private(notes, "w", encoding="utf-8") as f:
                f.writelines(f"{line}\n" for line in kept)


def _noted_partials(folder: Path) -> list[Path]:
    try:
        lines = _lines(folder / PARTIALS_FILE)
    except OSError:
        return []
    paths = [Path(line) for line in lines if line]
    # only what PeerLog itself names so: a hidden file or folder ending .partial
    return [p for p in paths if p.name.startswith(".") and p.name.endswith(".partial")]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
