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
    "referrals",
    "referral_feedback",
)


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    conn = db.connection()
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in RECORD_TABLES}
