"""Sync between laptops (see domain/sync for the design). The window and the command line call
only these functions.

Every function that reads or writes the shared folder may take a while: call it from a worker,
and pass `progress(done, total, what)` to show how far it has got. Each raises
`domain.sync.report.SyncProblem` with a plain message when it cannot run; a failed sync leaves
the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.sync.report import (
    Conflict,
    LaptopStatus,
    SyncProblem,
    SyncReport,
    SyncStatus,
)

__all__ = ["Conflict", "SyncProblem", "SyncReport", "SyncStatus"]
from desktop_app.services.access import change, require
from desktop_app.services.sync import engine, exchange, laptop_states, local_state, mailbox
from desktop_app.store.database import Database

Progress = Callable[[int, int, str], None]

NAME_MAX = 60


def share_folder(db: Database) -> Path | None:
    """The folder this laptop shares through, or None when it does not share (kept on this
    laptop only: another laptop's folder may be elsewhere)."""
    return local_state.share_folder(db.connection())


def set_share_folder(db: Database, folder: Path | None) -> None:
    """Start sharing through `folder` (None: stop). SyncProblem when the folder is missing, not
    writable, or inside the database's own folder."""
    require(db, Permission.LOG_RECORDS)
    if folder is not None:
        folder = _usable_folder(db, folder)
    with change(db, Permission.LOG_RECORDS) as work:
        local_state.set_share_folder(work.conn, folder)
        work.record(Action.SETTING_CHANGE, "setting", local_state.SHARE_FOLDER)


def _usable_folder(db: Database, folder: Path) -> Path:
    folder = folder.expanduser()
    if not folder.is_dir():
        raise SyncProblem(
            f"The folder {folder} is not there. If it is on a USB stick or a network drive, "
            "plug it in or connect, then choose it again."
        )
    resolved = folder.resolve()
    own = db.folder.resolve()
    if resolved == own or own in resolved.parents or resolved in own.parents:
        raise SyncProblem(
            "Choose a folder outside the database's own folder (and not one holding it): the "
            "shared folder must never contain the database itself."
        )
    probe = resolved / ".peerlog-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise SyncProblem(
            f"PeerLog cannot write to {folder}. Choose a folder you can write to (your "
            "OneDrive, Dropbox or Google Drive folder, or a USB stick)."
        ) from exc
    return resolved


def laptop_name(db: Database) -> str:
    """How other laptops name this one ("Coordinator's laptop")."""
    conn = db.connection()
    state = local_state.load(conn)
    if state is not None:
        return state.laptop_name
    return local_state.chosen_name(conn) or local_state.default_name("")


def set_laptop_name(db: Database, name: str) -> None:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise SyncProblem(f"Give this laptop a name of 1 to {NAME_MAX} characters.")
    with change(db, Permission.LOG_RECORDS) as work:
        local_state.set_laptop_name(work.conn, name)
        work.record(Action.SETTING_CHANGE, "setting", local_state.LAPTOP_NAME)


def sync_now(
    db: Database, progress: Progress | None = None, folder: Path | None = None
) -> SyncReport:
    """Send this laptop's changes and apply every other laptop's, through the share folder.
    SyncProblem when there is no share folder or it is not there (a USB stick not plugged in)."""
    require(db, Permission.LOG_RECORDS)
    share = _share(db, folder)
    if folder is not None:  # a folder given for this sync (the command line) is checked too
        share = _usable_folder(db, share)
    return exchange.sync(db, share, progress)


def _share(db: Database, folder: Path | None) -> Path:
    share = folder or share_folder(db)
    if share is None:
        raise SyncProblem(
            "This laptop does not share its records yet. A coordinator chooses the shared "
            "folder in Settings, under “Share with other laptops”."
        )
    if not share.is_dir():
        raise SyncProblem(
            f"The shared folder {share} is not there. If it is on a USB stick or a network "
            "drive, plug it in or connect, then sync again. Nothing was changed."
        )
    return share


def status(db: Database, folder: Path | None = None, now: datetime | None = None) -> SyncStatus:
    """The laptops known through the share folder, when each was last heard from and how far
    behind each is."""
    share = _share(db, folder)
    now = now or datetime.now(UTC)
    conn = db.connection()
    state = local_state.load(conn)
    database_id = db.setting("database_id") or ""
    key = db.purpose_key(exchange.KEY_PURPOSE)
    own_id = state.laptop_id if state else ""
    laptops = []
    if state is not None:
        last = local_state.last_synced(conn)
        laptops.append(
            LaptopStatus(own_id, state.laptop_name, True, _when(last), 0, _days(last, now))
        )
    for laptop in mailbox.other_laptops(share, database_id, own_id):
        other = laptop_states.read(key, share, database_id, laptop)
        own_sequence = state.own_sequence if state else 0
        behind = own_sequence - (other.seen.get(own_id, 0) if other else 0)
        laptops.append(
            LaptopStatus(
                laptop,
                other.name if other else "A laptop that has not finished its first sync",
                False,
                _when(other.written_at if other else None),
                max(behind, 0),
                _days(other.written_at if other else None, now),
            )
        )
    return SyncStatus(str(share), tuple(laptops))


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _days(text: str | None, now: datetime) -> int | None:
    moment = _when(text)
    return None if moment is None else max((now - moment).days, 0)


def conflicts(db: Database) -> list[Conflict]:
    """Fields changed on two laptops since they last met, newest first, not yet reviewed."""
    conn = db.connection()
    return engine.conflicts(conn, local_state.laptop_names(conn))


def use_other_value(db: Database, conflict_id: str) -> None:
    """Put the value that was not kept into the record (a new change, which travels) and mark the
    conflict reviewed."""
    with change(db, Permission.LOG_RECORDS) as work:
        record_id = engine.resolve_conflict(work.conn, conflict_id, use_other=True)
        work.record(Action.CHANGE, "synced record", record_id)


def keep_value(db: Database, conflict_id: str) -> None:
    """Mark the conflict reviewed, keeping the record as it is."""
    with change(db, Permission.LOG_RECORDS) as work:
        engine.resolve_conflict(work.conn, conflict_id, use_other=False)


def confirm_held(db: Database, laptop_id: str, sequence: int) -> None:
    """A coordinator confirms a held batch (see HeldBatch); the next sync applies it."""
    with change(db, Permission.ERASE) as work:
        local_state.confirm_removals(work.conn, laptop_id, sequence)
        work.record(Action.SETTING_CHANGE, "held changes", f"{laptop_id}:{sequence}")
