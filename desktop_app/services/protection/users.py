"""Users of one database: each has a name, a role and their own passphrase (their own key slot).

Coordinators add and remove users. Removing a user deletes their key slot, so their passphrase
stops opening the database; the last coordinator cannot be removed. Roles are enforced by
PeerLog's services, not by the encryption: anyone with a valid passphrase and the database folder
could read it with other SQLCipher tools.
"""

from __future__ import annotations

import logging

from desktop_app.domain.audit import Action
from desktop_app.domain.roles import Permission, Role
from desktop_app.domain.users import User, validate_user
from desktop_app.services.access import change, current_user_id, require
from desktop_app.services.databases import InvalidInput, require_good_passphrase
from desktop_app.services.validation import refuse
from desktop_app.store.database import Database, utc_now
from desktop_app.store.protection import users as users_repo

log = logging.getLogger(__name__)

ROLES_ARE_NOT_ENCRYPTION = (
    "Roles are enforced by PeerLog, not by the encryption: anyone with a valid passphrase and "
    "the database folder could read all of it with other tools. Give passphrases only to people "
    "who may see every record."
)


def list_users(db: Database, include_removed: bool = False) -> list[User]:
    return users_repo.list_users(db.connection(), include_removed)


def add_user(db: Database, name: str, role: Role, passphrase: str) -> User:
    """Add a user with their own passphrase (coordinators only)."""
    user = User(" ".join(name.split()), Role(role))
    refuse(validate_user(user))
    require_good_passphrase(passphrase)
    require(db, Permission.MANAGE_USERS)
    # The key slot first, the row second: a crash between leaves a slot whose user is not
    # listed, which the next unlock deletes (see key_upkeep). Never a listed user without a slot.
    db.set_passphrase(passphrase, user.id, role=user.role.value)
    try:
        with change(db, Permission.MANAGE_USERS) as work:
            users_repo.insert_user(work.conn, user, utc_now())
            work.record(Action.USER_ADDED, "user", user.id)
    except BaseException:
        db.remove_passphrase(user.id)
        raise
    log.info("User added")
    return users_repo.get_user(db.connection(), user.id)


def remove_user(db: Database, user_id: str) -> None:
    """Remove a user: their passphrase stops working at once (coordinators only)."""
    require(db, Permission.MANAGE_USERS)
    conn = db.connection()
    user = users_repo.get_user(conn, user_id)
    if user.removed_at is not None:
        return
    if user_id == current_user_id(db):
        raise InvalidInput("You cannot remove yourself. Ask another coordinator to remove you.")
    if user.role is Role.COORDINATOR and users_repo.active_coordinators(conn) <= 1:
        raise InvalidInput(
            f"{user.name} is the only coordinator, so they cannot be removed. Add another "
            "coordinator first."
        )
    # The row first, the key slot second: a crash between leaves the slot of a removed user,
    # which never opens the database and is deleted at the next unlock (see key_upkeep).
    with change(db, Permission.MANAGE_USERS) as work:
        users_repo.mark_removed(work.conn, user_id, utc_now())
        work.record(Action.USER_REMOVED, "user", user_id)
    db.remove_passphrase(user_id)
    log.info("User removed")


def set_user_passphrase(db: Database, user_id: str, passphrase: str) -> None:
    """Give another user a new passphrase (when they have forgotten theirs)."""
    require(db, Permission.MANAGE_USERS)
    require_good_passphrase(passphrase)
    user = users_repo.get_user(db.connection(), user_id)
    if user.removed_at is not None:
        raise InvalidInput(f"{user.name} has been removed. Add them again instead.")
    db.set_passphrase(passphrase, user_id)
    with change(db, Permission.MANAGE_USERS) as work:
        work.record(Action.PASSPHRASE_CHANGE, "user", user_id)
