"""The one door for changes: every service that writes goes through `change()`, which checks the
current user may do it, runs the work in one transaction, and adds the audit entries in that same
transaction (so a change and its record are saved together, or neither is).

The current user is the one whose key slot unlocked the database; unlocking with the recovery
code acts as a coordinator (whoever holds it can reset any passphrase anyway).

Roles are enforced here, by PeerLog, not by the encryption: anyone with a valid passphrase and the
database folder could read or change it with other SQLCipher tools.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop_app.domain.protection.audit import Action, AuditEvent
from desktop_app.domain.protection.roles import Permission, Role, may, refusal_message
from desktop_app.domain.protection.users import User
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.errors import StoreError
from desktop_app.store.protection import audit_repo, users

RECOVERY_USER_NAME = "Someone using the recovery code"


class NotAllowed(StoreError):
    """The current user's role does not allow this. Nothing was changed."""


def current_user_id(db: Database) -> str:
    """ "" when the database was unlocked with the recovery code."""
    return db.unlocked_by.user_id or ""


def current_user(db: Database) -> User:
    user_id = current_user_id(db)
    if not user_id:
        return User(RECOVERY_USER_NAME, Role.COORDINATOR, id="")
    user = users.get_user(db.connection(), user_id)
    if user.removed_at is not None:
        raise NotAllowed("Your user has been removed from this database. Nothing was changed.")
    return user


def current_role(db: Database) -> Role:
    return current_user(db).role


def allowed(db: Database, permission: Permission) -> bool:
    """For front ends deciding what to offer; services check again with `require`."""
    try:
        return may(current_role(db), permission)
    except NotAllowed:
        return False


def require(db: Database, permission: Permission) -> None:
    role = current_role(db)
    if not may(role, permission):
        raise NotAllowed(refusal_message(role, permission))


@dataclass
class Change:
    """A transaction in progress: its connection, and the audit entries it will add."""

    conn: Connection
    events: list[AuditEvent] = field(default_factory=list)

    def record(self, action: Action, record_kind: str, *record_ids: str) -> None:
        """Note what was done to which records (one entry per id; never their contents)."""
        self.events += [AuditEvent(action, record_kind, rid) for rid in record_ids]

    def record_unnamed(self, action: Action, record_kind: str = "") -> None:
        """Note an action that concerns no single record, or one that must not be named (an
        erasure records that it happened, not who)."""
        self.events.append(AuditEvent(action, record_kind))


@contextlib.contextmanager
def change(db: Database, permission: Permission) -> Iterator[Change]:
    """Check permission, then run one write transaction that also appends its audit entries."""
    require(db, permission)
    with db.transaction() as conn:
        work = Change(conn)
        yield work
        if work.events:
            audit_repo.append(conn, utc_now(), current_user_id(db), work.events)


def record(db: Database, action: Action, record_kind: str = "", record_id: str = "") -> None:
    """Record something that changed no record (an export, a backup)."""
    with db.transaction() as conn:
        event = AuditEvent(action, record_kind, record_id)
        audit_repo.append(conn, utc_now(), current_user_id(db), [event])


@contextlib.contextmanager
def exporting(
    db: Database, permission: Permission, action: Action, record_kind: str = "", record_id: str = ""
) -> Iterator[None]:
    """Check permission for an export, and record it once it has been written."""
    require(db, permission)
    yield
    record(db, action, record_kind, record_id)
