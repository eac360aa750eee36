"""Keeping the key file and the database in step, each time a database is unlocked.

- The save counter: the database and its sealed key file both count saves (`Database.save_point`
  writes the database's first, then the key file's, then empties the write-ahead log). A
  database that counts fewer saves than its key file has lost work it had committed: the `-wal`
  file was lost before its pages reached `peerlog.db`.
- Users and slots: adding a user writes their key slot first and their row second; removing one
  marks the row first and deletes the slot second. So after a crash the only possible mismatch
  is a slot whose user is not (or no longer) listed: it is deleted here, and never opens.
- Format-1 slots are rewritten in format 2 (user and role bound in) when they unlock.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from desktop_app.store import layout, settings_repo
from desktop_app.store.connection import Connection, translated_errors
from desktop_app.store.errors import DamagedDatabase, TamperedKeyFile, WrongSecret
from desktop_app.store.protection.keyslots import (
    DAMAGED_KEY_FILE,
    KeySlot,
    KeySlots,
    upgraded_slot,
)

log = logging.getLogger(__name__)

SAVES_SETTING = "saves"
OLDER_THAN_LAST_SAVE = (
    "The database is older than its last save: a part of it (the -wal file) was lost, with the "
    "work saved last. Restore from a backup (PeerLog keeps the database it replaces)."
)
USER_REMOVED = (
    "That passphrase no longer opens this database: its user has been removed (or was never "
    "fully added). Ask a coordinator to add you again."
)


def saves_in(conn: Connection) -> int:
    value = settings_repo.find(conn, SAVES_SETTING)
    return int(value) if value and value.isdigit() else 0


def count_save(conn: Connection) -> int:
    """Add one to the database's save counter, inside the caller's transaction."""
    saves = saves_in(conn) + 1
    settings_repo.put(conn, SAVES_SETTING, str(saves))
    return saves


def problems(conn: Connection, slots: KeySlots) -> list[str]:
    """What `check` reports: a database older than its key file, or one not its own."""
    found = []
    if saves_in(conn) < slots.saves:
        found.append(OLDER_THAN_LAST_SAVE)
    if settings_repo.find(conn, "database_id") != slots.database_id:
        found.append("The key file belongs to another database.")
    return found


def _active_roles(conn: Connection) -> dict[str, str]:
    rows = conn.execute("SELECT id, role FROM users WHERE removed_at IS NULL")
    return {str(user_id): str(role) for user_id, role in rows}


def settle(
    conn: Connection, folder: Path, slots: KeySlots, slot: KeySlot, data_key: bytes
) -> tuple[KeySlots, KeySlot]:
    """Check the unlocked database against its key file and bring the file up to date (saved
    only when something changed). Returns the slots and the unlocking slot as now saved."""
    with translated_errors():
        found = problems(conn, slots)
        if found:
            raise DamagedDatabase(found[0])
        active = _active_roles(conn)
        saves = saves_in(conn)
    kept = tuple(
        s for s in slots.slots if s.kind != "passphrase" or s.user_id is None or s.user_id in active
    )
    settled = replace(slots, slots=kept)
    user_gone = slot not in kept
    if slot.kind == "passphrase" and slot.user_id is not None:
        role = active.get(slot.user_id)
        if role is not None and slot.binding == 2 and slot.role != role:
            raise TamperedKeyFile(DAMAGED_KEY_FILE)
    else:
        role = None
    if slot.binding == 1 and not user_gone:
        slot = upgraded_slot(slot, data_key, slots.database_id, role)
        settled = settled.replacing(slot.id, slot)
    if settled != slots or slots.seal is None or saves != slots.saves:
        settled = settled.sealed(data_key, saves)
        with translated_errors():
            settled.save(layout.slots_file(folder))
        log.info("Key file brought up to date")
    if user_gone:
        raise WrongSecret(USER_REMOVED)
    return settled, slot
