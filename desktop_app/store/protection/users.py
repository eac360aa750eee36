"""The people who can unlock a database, each with their own passphrase slot. A removed user
keeps their row (marked `removed_at`) so that the audit trail can still say who did what."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.protection.users import User
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound

_COLUMNS = "id, name, role, created_at, removed_at"


def first_coordinator_id(conn: Connection) -> str | None:
    row = conn.execute(
        "SELECT id FROM users WHERE role = 'coordinator' AND removed_at IS NULL "
        "ORDER BY created_at, rowid LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


def list_users(conn: Connection, include_removed: bool = False) -> list[User]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM users WHERE (? OR removed_at IS NULL) "
        "ORDER BY name COLLATE NOCASE, created_at",
        (int(include_removed),),
    )
    return [_user(row) for row in rows]


def get_user(conn: Connection, user_id: str) -> User:
    row = conn.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        raise RecordNotFound("That user is not in this database. Refresh the list of users.")
    return _user(row)


def insert_user(conn: Connection, user: User, now: str) -> None:
    conn.execute(
        "INSERT INTO users(id, name, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (user.id, user.name, user.role.value, now, now),
    )


def mark_removed(conn: Connection, user_id: str, now: str) -> None:
    conn.execute(
        "UPDATE users SET removed_at = ?, updated_at = ? WHERE id = ? AND removed_at IS NULL",
        (now, now, user_id),
    )


def active_coordinators(conn: Connection) -> int:
    row = conn.execute(
        "SELECT COUNT(*) FROM users WHERE role = 'coordinator' AND removed_at IS NULL"
    ).fetchone()
    return int(row[0])


def _user(row: tuple[Any, ...]) -> User:
    user_id, name, role, created_at, removed_at = row
    return User(name=name, role=role, id=user_id, created_at=created_at, removed_at=removed_at)
