"""Opening one SQLCipher connection, and turning SQLite's errors into typed store errors."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop_app.store.errors import (
    AlreadyOpen,
    DamagedDatabase,
    DiskFull,
    DiskTrouble,
    NotSQLCipher,
    ReadOnlyLocation,
    StoreError,
)

Connection = Any  # sqlcipher3.Connection: the package ships no type information

SQLITE_ERRORS = (sqlcipher3.DatabaseError, sqlcipher3.OperationalError)


# no space left, over the user's quota, or a file larger than the system allows
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
ENVIRONMENT_ERRORS = (DiskFull, DiskTrouble, ReadOnlyLocation, AlreadyOpen)


def error_for(exc: BaseException) -> StoreError | None:
    """The typed error for an SQLite or OS error the user can act on, or None for a bug."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno in _DISK_FULL:
            return DiskFull()
        if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            return ReadOnlyLocation()
        return None
    if "full" in text:
        return DiskFull()
    if "disk i/o error" in text:
        return DiskTrouble()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyLocation()
    if "locked" in text or "busy" in text:
        return AlreadyOpen()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedDatabase()
    return None


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise environment problems (disk full, damaged file...) as typed store errors."""
    try:
        yield
    except StoreError:
        raise
    except (*SQLITE_ERRORS, OSError) as exc:
        typed = error_for(exc)
        if typed is None:
            raise
        raise typed from exc


@contextlib.contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT on `conn`: all of the work is saved, or none of it is.

    COMMIT is inside the bracket, so when COMMIT itself fails (a deferred foreign key, a full
    disk) the work is rolled back as well and the connection is never left inside a
    half-finished transaction that would refuse the next BEGIN. SQLite has sometimes rolled
    back already; then there is nothing to roll back, and the first error is the one raised.
    Environment problems come out as typed store errors (`translated_errors`)."""
    with translated_errors():
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def cipher_version() -> str:
    """SQLCipher's version, or "" when the sqlite3 inside is plain SQLite (no encryption)."""
    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row and row[0] else ""


def raw_connection(db_file: Path, data_key: bytes) -> Connection:
    """A keyed connection with no checks and no settings changed: `check` and restore use it."""
    conn = sqlcipher3.connect(
        str(db_file), isolation_level=None, check_same_thread=False, timeout=0.5
    )
    version = conn.execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0]:
        conn.close()
        raise NotSQLCipher()
    conn.execute("PRAGMA cipher_log_level = NONE")  # our own messages explain damage
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    return conn


def configure(conn: Connection) -> None:
    """The settings every PeerLog connection runs with."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA cache_size = -32768")  # 32 MiB of decrypted pages


def schema_version(conn: Connection) -> int:
    with translated_errors():
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
