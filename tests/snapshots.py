"""Every record table's rows, to compare a database before and after something."""

from __future__ import annotations

from desktop_app.store.database import Database

RECORD_TABLES = (
    "people",
    "consents",
    "volunteers",
    "training_records",
    "sessions",
    "attendances",
    "session_facilitators",
    "onward_referrals",
    "volunteer_hours",
    "case_studies",
)


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every column but record keys: those are random (secrets module) even in a seeded demo,
    and a trigger already refuses any change to one."""
    conn = db.connection()

    def columns(table: str) -> str:
        names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        return ", ".join(name for name in names if name != "record_key")

    return {
        t: conn.execute(f"SELECT {columns(t)} FROM {t} ORDER BY 1, 2").fetchall()
        for t in RECORD_TABLES
    }
