"""Numbered schema steps. Each runs in one transaction that also sets `PRAGMA user_version`.

To add a step: write `mNNNN_what.py` with a `MIGRATION`, and append it to `MIGRATIONS` below.
Never edit a step that has been released; write a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop_app import __version__
from desktop_app.store import settings_repo
from desktop_app.store.connection import Connection, translated_errors, write_transaction
from desktop_app.store.errors import NewerVersion
from desktop_app.store.migrations import (
    m0001_foundation,
    m0002_records,
    m0003_outcomes,
    m0004_protection,
    m0005_drafts,
    m0006_measures_offered,
    m0007_hours_in_minutes,
    m0008_record_keys,
    m0010_referrals,
    m0011_recently_deleted,
    m0012_contact_details,
    m0013_safeguarding_log,
    m0014_sync_changes,
    m0015_sync_outbox,
)
from desktop_app.store.migrations.step import Migration

log = logging.getLogger(__name__)

MIGRATIONS: tuple[Migration, ...] = (
    m0001_foundation.MIGRATION,
    m0002_records.MIGRATION,
    m0003_outcomes.MIGRATION,
    m0004_protection.MIGRATION,
    m0005_drafts.MIGRATION,
    m0006_measures_offered.MIGRATION,
    m0007_hours_in_minutes.MIGRATION,
    m0008_record_keys.MIGRATION,
    m0010_referrals.MIGRATION,
    m0011_recently_deleted.MIGRATION,
    m0012_contact_details.MIGRATION,
    m0013_safeguarding_log.MIGRATION,
    m0014_sync_changes.MIGRATION,
    m0015_sync_outbox.MIGRATION,
)
LATEST_VERSION = MIGRATIONS[-1].version


# The PeerLog version that last changed this database's schema: an older PeerLog that cannot
# open it names the version to install.
UPGRADED_BY = "schema_upgraded_by"


def refuse_if_newer(conn: Connection, version: int) -> None:
    if version > LATEST_VERSION:
        with translated_errors():
            needed = settings_repo.find(conn, UPGRADED_BY)
        raise NewerVersion(NewerVersion.naming(needed, __version__))


def migrate(conn: Connection, current: int, before_upgrade: Callable[[int], None]) -> None:
    """Bring the schema to LATEST_VERSION. `before_upgrade` runs once, before the first step,
    when an existing database (not a brand-new one) is about to change."""
    refuse_if_newer(conn, current)
    steps = [m for m in MIGRATIONS if m.version > current]
    if not steps:
        return
    if current > 0:
        before_upgrade(current)
    for step in steps:
        log.info("Applying schema step %d (%s)", step.version, step.description)
        with write_transaction(conn):
            step.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            settings_repo.put(conn, UPGRADED_BY, __version__)
