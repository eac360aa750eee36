"""Sync between laptops (see domain/sync for the design). The window and the command line call
only these functions.

Every function that reads or writes the shared folder may take a while: call it from a worker,
and pass `progress(done, total, what)` to show how far it has got. Each raises
`domain.sync.report.SyncProblem` with a plain message when it cannot run; a failed sync leaves
the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.sync.report import Conflict, SyncReport, SyncStatus
from desktop_app.store.database import Database

Progress = Callable[[int, int, str], None]


def share_folder(db: Database) -> Path | None:
    """The folder this laptop shares through, or None when it does not share (kept on this
    laptop only: another laptop's folder may be elsewhere)."""
    raise NotImplementedError


def set_share_folder(db: Database, folder: Path | None) -> None:
    """Start sharing through `folder` (None: stop). SyncProblem when the folder is missing, not
    writable, or inside the database's own folder."""
    raise NotImplementedError


def laptop_name(db: Database) -> str:
    """How other laptops name this one ("Coordinator's laptop")."""
    raise NotImplementedError


def set_laptop_name(db: Database, name: str) -> None:
    raise NotImplementedError


def sync_now(db: Database, progress: Progress | None = None) -> SyncReport:
    """Send this laptop's changes and apply every other laptop's, through the share folder.
    SyncProblem when there is no share folder or it is not there (a USB stick not plugged in)."""
    raise NotImplementedError


def status(db: Database) -> SyncStatus:
    """The laptops known through the share folder, when each was last heard from and how far
    behind each is."""
    raise NotImplementedError


def conflicts(db: Database) -> list[Conflict]:
    """Fields changed on two laptops since they last met, newest first, not yet reviewed."""
    raise NotImplementedError


def use_other_value(db: Database, conflict_id: str) -> None:
    """Put the value that was not kept into the record (a new change, which travels) and mark the
    conflict reviewed."""
    raise NotImplementedError


def keep_value(db: Database, conflict_id: str) -> None:
    """Mark the conflict reviewed, keeping the record as it is."""
    raise NotImplementedError


def confirm_held(db: Database, laptop_id: str, sequence: int) -> None:
    """A coordinator confirms a held batch (see HeldBatch); the next sync applies it."""
    raise NotImplementedError
