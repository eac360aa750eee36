"""An open, unlocked PeerLog database: the one object that holds the data key.

Each thread gets its own connection (`connection()`); `transaction()` wraps work in
BEGIN IMMEDIATE ... COMMIT (`write_transaction`) on the calling thread's connection. `close()`
closes every connection, forgets the key and releases the folder lock.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.protection.audit import Action, AuditEvent
from desktop_app.store import layout, settings_repo
from desktop_app.store.connection import (
    SQLITE_ERRORS,
    Connection,
    configure,
    raw_connection,
    schema_version,
    translated_errors,
    write_transaction,
)
from desktop_app.store.errors import DamagedDatabase, DatabaseExists, StoreError, WrongSecret
from desktop_app.store.lock import FolderLock
from desktop_app.store.migrations import migrate, refuse_if_newer
from desktop_app.store.protection import audit_repo, file_swaps, key_upkeep, pending_audit
from desktop_app.store.protection.backup import (
    integrity_problems,
    pragma_problems,
    write_backup,
)
from desktop_app.store.protection.file_swaps import timestamp
from desktop_app.store.protection.keyslots import (
    MAX_SLOTS,
    KeySlot,
    KeySlots,
    make_slot,
    new_data_key,
    subkey,
)
from desktop_app.store.protection.recovery_code import new_recovery_code

log = logging.getLogger(__name__)

Unlocker = Callable[[KeySlots], tuple[bytes, KeySlot]]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def passphrase_unlocker(passphrase: str, user_id: str | None = None) -> Unlocker:
    return lambda slots: slots.unlock_with_passphrase(passphrase, user_id)


def recovery_unlocker(code: str) -> Unlocker:
    return lambda slots: slots.unlock_with_recovery_code(code)


@dataclass(frozen=True)
class CreatedDatabase:
    database: Database
    recovery_code: str


class Database:
    def __init__(
        self,
        folder: Path,
        data_key: bytes,
        slots: KeySlots,
        lock: FolderLock,
        unlocked_by: KeySlot,
    ) -> None:
        self.folder = folder
        self._key: bytearray | None = bytearray(data_key)
        self._slots = slots
        self._lock = lock
        self.unlocked_by = unlocked_by
        self._connections: dict[int, Connection] = {}
        self._guard = threading.Lock()
        self._changes_at_last_save = 0

    # Creating and opening ------------------------------------------------------------------

    @staticmethod
    def create(
        folder: Path, organisation: str, passphrase: str, user_name: str = "Coordinator"
    ) -> CreatedDatabase:
        """Make a new database folder. Returns it open, with the recovery code to show once."""
        if layout.looks_like_database(folder):
            raise DatabaseExists()
        with translated_errors():
            folder.mkdir(parents=True, exist_ok=True)
            layout.ensure_readme(folder)
        lock = FolderLock.acquire(folder)
        try:
            data_key = new_data_key()
            database_id = str(uuid.uuid4())
            user_id = str(uuid.uuid4())
            conn = raw_connection(layout.db_file(folder), data_key)
            with translated_errors():
                configure(conn)
                migrate(conn, 0, before_upgrade=lambda _version: None)
            now = utc_now()
            with write_transaction(conn):
                conn.executemany(
                    "INSERT INTO settings(key, value) VALUES (?, ?)",
                    [
                        ("organisation_name", organisation),
                        ("database_id", database_id),
                        ("created_at", now),
                    ],
                )
                conn.execute(
                    "INSERT INTO users(id, name, role, created_at, updated_at) "
                    "VALUES (?, ?, 'coordinator', ?, ?)",
                    (user_id, user_name, now, now),
                )
            code = new_recovery_code()
            passphrase_slot = make_slot(
                data_key, passphrase, "passphrase", database_id, user_id, role="coordinator"
            )
            slots = KeySlots(database_id).with_slot(passphrase_slot)
            slots = slots.with_recovery_code(data_key, code).sealed(data_key)
            slots.save(layout.slots_file(folder))
        except BaseException:
            lock.release()
            raise
        db = Database(folder, data_key, slots, lock, passphrase_slot)
        db._connections[threading.get_ident()] = conn
        log.info("Created a new database (%s)", folder.name)
        return CreatedDatabase(db, code)

    @staticmethod
    def open(folder: Path, passphrase: str, user_id: str | None = None) -> Database:
        return Database.open_with(folder, passphrase_unlocker(passphrase, user_id))

    @staticmethod
    def open_with_recovery_code(folder: Path, code: str) -> Database:
        return Database.open_with(folder, recovery_unlocker(code))

    @staticmethod
    def open_with(folder: Path, unlock: Unlocker, *, quick_check: bool = True) -> Database:
        """Unlock and open. With `quick_check=False` the caller must run `quick_check()` itself
        soon after (the GUI runs it on a worker thread, so a large database opens at once)."""
        lock = file_swaps.lock_and_settle(folder)
        try:
            slots = KeySlots.load(layout.slots_file(folder))
            try:
                data_key, slot = unlock(slots)
            except WrongSecret:
                log.info("Unlock refused: wrong secret")
                pending_audit.add(folder, utc_now(), Action.FAILED_UNLOCK)
                raise
            slots.require_sound_seal(data_key)
            conn = raw_connection(layout.db_file(folder), data_key)
            try:
                Database._prepare(conn, folder, data_key, slots, quick_check)
                Database._record_pending_events(conn, folder)
                slots, slot = key_upkeep.settle(conn, folder, slots, slot, data_key)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        db = Database(folder, data_key, slots, lock, slot)
        db._connections[threading.get_ident()] = conn
        log.info("Opened a database (%s)", folder.name)
        return db

    @staticmethod
    def _prepare(
        conn: Connection, folder: Path, data_key: bytes, slots: KeySlots, quick_check: bool
    ) -> None:
        """Check and upgrade a freshly keyed connection. Refuses before writing anything."""
        version = schema_version(conn)
        refuse_if_newer(conn, version)
        with translated_errors():
            configure(conn)
        if quick_check and _quick_check_problems(conn):
            raise DamagedDatabase()

        def backup_before_upgrade(old_version: int) -> None:
            name = f"before-upgrade-from-v{old_version}-{timestamp()}.peerlog-backup"
            write_backup(conn, data_key, slots, layout.backups_dir(folder) / name)

        migrate(conn, version, backup_before_upgrade)

    @staticmethod
    def _record_pending_events(conn: Connection, folder: Path) -> None:
        """Failed unlocks and restores noted while the database was locked."""
        events = pending_audit.read(folder)
        if not events:
            return
        with write_transaction(conn):
            for at, action, user_id in events:
                audit_repo.append(conn, at, user_id, [AuditEvent(action, "database")])
        pending_audit.clear(folder)

    # Connections ---------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def _data_key(self) -> bytes:
        if self._key is None:
            raise StoreError("The database is locked. Unlock it to carry on.")
        return bytes(self._key)

    def connection(self) -> Connection:
        """This thread's connection (made on first use)."""
        ident = threading.get_ident()
        with self._guard:
            conn = self._connections.get(ident)
            if conn is None:
                conn = raw_connection(layout.db_file(self.folder), self._data_key())
                with translated_errors():
                    configure(conn)
                self._connections[ident] = conn
            return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: all of it commits, or none of it does."""
        with write_transaction(self.connection()) as conn:
            yield conn

    def save_point(self) -> None:
        """Make sure work committed so far is in peerlog.db itself, and that losing it later
        would be noticed: count a save in the database, then in the sealed key file, then copy
        the write-ahead log into the database and empty it. Call at the end of every large
        write (an import, an erasure, a demo database) and on close."""
        if self._total_changes() != self._changes_at_last_save:
            with self.transaction() as tx:
                saves = key_upkeep.count_save(tx)
            self._save_slots(self._slots, saves)
            self._changes_at_last_save = self._total_changes()
        self.purge_freed_space()

    def _total_changes(self) -> int:
        with self._guard:
            return sum(int(c.total_changes) for c in self._connections.values())

    def close(self) -> None:
        """Save (see `save_point`), close every connection, forget the data key and release the
        folder lock."""
        if self.is_open:
            try:
                self.save_point()
            except (StoreError, *SQLITE_ERRORS, OSError):
                log.warning("Could not save on close; the write-ahead log is kept")
        with self._guard:
            for conn in self._connections.values():
                with contextlib.suppress(*SQLITE_ERRORS):
                    conn.execute("PRAGMA optimize")  # keeps query plans good as data grows
                with contextlib.suppress(*SQLITE_ERRORS):
                    conn.close()
            self._connections.clear()
            if self._key is not None:
                for i in range(len(self._key)):
                    self._key[i] = 0
                self._key = None
            self._lock.release()
        log.info("Closed the database")

    # Secrets -------------------------------------------------------------------------------

    @property
    def slots(self) -> KeySlots:
        return self._slots

    def _save_slots(self, slots: KeySlots, saves: int | None = None) -> None:
        sealed = slots.sealed(self._data_key(), saves)
        with translated_errors():
            sealed.save(layout.slots_file(self.folder))
        self._slots = sealed

    def _role_of(self, user_id: str | None) -> str | None:
        if user_id is None:
            return None
        row = self.connection().execute("SELECT role FROM users WHERE id = ?", (user_id,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def change_passphrase(self, current: str, new: str) -> None:
        """Change the passphrase of the user who unlocked the database."""
        user_id = self.unlocked_by.user_id
        old_slot = self._slots.passphrase_slot_for(user_id)
        if old_slot is None or old_slot.unwrap(current, self._slots.database_id) is None:
            raise WrongSecret("The current passphrase is not right, so nothing was changed.")
        self.set_passphrase(new, user_id)
        log.info("Passphrase changed")

    def set_passphrase(self, new: str, user_id: str | None, role: str | None = None) -> None:
        """Give `user_id` the passphrase `new`, replacing their old one (after recovery, say).
        `role` is the user's (looked up when not given: a user being added has no row yet)."""
        old_slot = self._slots.passphrase_slot_for(user_id)
        if old_slot is None and len(self._slots.slots) >= MAX_SLOTS:
            raise StoreError(
                f"This database already has as many users as PeerLog allows ({MAX_SLOTS - 1}). "
                "Remove someone who no longer uses PeerLog first."
            )
        new_slot = make_slot(
            self._data_key(),
            new,
            "passphrase",
            self._slots.database_id,
            user_id,
            role=role or self._role_of(user_id),
        )
        if old_slot is None:
            self._save_slots(self._slots.with_slot(new_slot))
        else:
            self._save_slots(self._slots.replacing(old_slot.id, new_slot))

    def remove_passphrase(self, user_id: str) -> None:
        slot = self._slots.passphrase_slot_for(user_id)
        if slot is not None:
            self._save_slots(self._slots.without_slot(slot.id))

    def regenerate_recovery_code(self) -> str:
        """A new recovery code; the old one stops working. Show the new one once."""
        code = new_recovery_code()
        self._save_slots(self._slots.with_recovery_code(self._data_key(), code))
        log.info("Recovery code regenerated")
        return code

    def purge_freed_space(self) -> bool:
        """Make deleted data unrecoverable from the files. secure_delete (always on) zeroes
        deleted rows and freed pages, but until a checkpoint the write-ahead log still holds the
        pages as they were; a TRUNCATE checkpoint copies the zeroed pages into the database and
        empties the log. (Tests that decrypt every page found VACUUM adds nothing to this.)
        False when another connection's open read kept the log from being emptied: closing the
        database empties it then."""
        with translated_errors():
            row = self.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if row[0]:
            log.warning("Could not empty the write-ahead log yet; it is emptied on close")
        return not row[0]

    # Backups -------------------------------------------------------------------------------

    def purpose_key(self, purpose: str) -> bytes:
        """A key for one purpose (e.g. sealing change files for other laptops), derived from the
        data key: the same on every laptop holding this database, useless for anything else."""
        return subkey(self._data_key(), purpose)

    def backup_to(self, out_path: Path) -> None:
        write_backup(self.connection(), self._data_key(), self._slots, out_path)

    def quick_check(self) -> list[str]:
        """`PRAGMA quick_check` on this thread's connection; the problems found (empty if sound).
        Reads every page, so on a large database it takes a second or two."""
        return _quick_check_problems(self.connection())

    def verify(self) -> list[str]:
        """Full integrity checks on the open database; the problems found (empty when sound)."""
        return integrity_problems(self.connection())

    # Settings ------------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = settings_repo.find(self.connection(), key)
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            settings_repo.put(conn, key, value)


def _quick_check_problems(conn: Connection) -> list[str]:
    problems = pragma_problems(conn, "quick_check")
    if problems:
        log.warning("Quick check found %d problems", len(problems))
    return problems
