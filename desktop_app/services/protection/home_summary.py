"""What Home shows about data protection: backups needing attention, and people past the
retention period (for coordinators, who can act on them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop_app.domain.protection.backups import BackupStatus
from desktop_app.domain.protection.retention import PastRetention
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import allowed
from desktop_app.services.protection import auto_backup, retention
from desktop_app.store.database import Database


@dataclass(frozen=True)
class ProtectionAttention:
    backups: BackupStatus
    past_retention: list[PastRetention]  # empty for users who may not erase
    retention_years: int


def protection_attention(db: Database, today: date | None = None) -> ProtectionAttention:
    day = today or date.today()
    now = datetime.now(UTC) if today is None else datetime(day.year, day.month, day.day, tzinfo=UTC)
    past = retention.people_past_retention(db, day) if allowed(db, Permission.ERASE) else []
    return ProtectionAttention(auto_backup.status(db, now), past, retention.retention_years(db))
