"""Several laptops sharing one organisation's records, for tests: the first is a new database,
each other joins from a backup of it (as a real second laptop does). Every laptop made is closed
when the test ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import databases, sync
from desktop_app.store.database import Database, passphrase_unlocker
from tests.conftest import PASSPHRASE


class Group:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.folder = tmp / "OneDrive" / "PeerLog shared"
        self.folder.mkdir(parents=True)
        self.open: list[Database] = []

    def first_laptop(self, name: str = "Coordinator's laptop") -> Database:
        path = self.tmp / "coordinator" / "Group.peerlog"
        db = databases.create_database(path, "Group", PASSPHRASE).database
        self.open.append(db)
        sync.set_laptop_name(db, name)
        return db

    def join_from(self, original: Database, name: str) -> Database:
        """A second laptop, as the README says: sync on a laptop that shares, back it up, and
        restore the backup into a folder of its own."""
        sync.sync_now(original, folder=self.folder)
        backup = self.tmp / f"{len(self.open)}.peerlog-backup"
        original.backup_to(backup)
        target = self.tmp / f"laptop-{len(self.open)}" / "Group.peerlog"
        databases.restore_database(backup, target, passphrase_unlocker(PASSPHRASE))
        db = self.reopen(target)
        sync.set_laptop_name(db, name)
        return db

    def reopen(self, path: Path) -> Database:
        db = databases.open_database(path, PASSPHRASE)
        self.open.append(db)
        return db

    def close(self, db: Database) -> Path:
        folder = db.folder
        db.close()
        return folder

    def sync_all(self, laptops: list[Database], rounds: int = 2) -> None:
        for _ in range(rounds):
            for laptop in laptops:
                sync.sync_now(laptop, folder=self.folder)


@pytest.fixture
def group(tmp_path: Path) -> Iterator[Group]:
    made = Group(tmp_path)
    yield made
    for db in made.open:
        if db.is_open:
            db.close()


def records(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet export-all writes, rows sorted: what two laptops must agree on."""
    from desktop_app.store.importing.export_queries import QUERIES, sheet_rows

    conn = db.connection()
    return {sheet: sorted(map(tuple, sheet_rows(conn, sheet)), key=repr) for sheet in QUERIES}


def shared_bytes(folder: Path, db: Database) -> bytes:
    """Every change file in the shared folder, opened with the database's key."""
    from desktop_app.services.sync.exchange import KEY_PURPOSE
    from desktop_app.store.sync.sealed_files import open_sealed

    key = db.purpose_key(KEY_PURPOSE)
    return b"".join(
        open_sealed(key, path.read_bytes())[1]
        for path in sorted(folder.rglob("*.peerlog-*"))
        if path.is_file()
    )
