"""Undoing a deletion: a deleted session, wellbeing form, hours entry, volunteer, case study or
referral is kept for KEEP_DAYS days inside the encrypted database (Records → Recently deleted…)
and can be put back as it was. Erasing a person bypasses this and removes every kept copy that
names them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop_app.domain.problems import long_date
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.services.access import Change, change, current_user_id
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import recently_deleted as bin_repo
from desktop_app.store.records.recently_deleted import DeletedEntry

KEEP_DAYS = 30

# The kinds that can be put back: their table, and what the list calls them.
KINDS = {
    "session": ("sessions", "Session"),
    "outcome": ("outcome_records", "Wellbeing form"),
    "volunteer hours": ("volunteer_hours", "Volunteer hours"),
    "volunteer": ("volunteers", "Volunteer"),
    "case study": ("case_studies", "Case study"),
    "referral": ("referrals", "Referral"),
}


@dataclass(frozen=True)
class Deleted:
    id: int
    kind: str
    what: str  # "Session: 2 December 2026, Group peer support at Riverside Hall"
    deleted_at: datetime  # UTC
    days_left: int


def delete_keeping_a_copy(
    db: Database, kind: str, record_uuid: str, delete: Callable[[Connection, str], None]
) -> None:
    """Delete a record of `kind` (one of KINDS) with `delete(conn, id)`, in one change that
    keeps a copy to put back, forgets copies past their time and records the deletion."""
    table, _label = KINDS[kind]
    with change(db, Permission.LOG_RECORDS) as work:
        bin_repo.forget_older_than(work.conn, _cutoff(datetime.now(UTC)))
        bin_repo.keep(work.conn, table, record_uuid, kind, utc_now(), current_user_id(db))
        delete(work.conn, record_uuid)
        work.record(Action.DELETE, kind, record_uuid)


def recently_deleted(db: Database, now: datetime | None = None) -> list[Deleted]:
    moment = now or datetime.now(UTC)
    cutoff = _cutoff(moment)
    return [
        Deleted(
            e.id,
            e.kind,
            describe(e),
            (at := datetime.fromisoformat(e.deleted_at)),
            max(0, KEEP_DAYS - (moment - at).days),
        )
        for e in bin_repo.entries(db.connection())
        if e.deleted_at >= cutoff
    ]


def put_back(db: Database, entry_id: int) -> str:
    """Put a deleted record back as it was; its kind ("session"...). Refused plainly when a
    record it refers to has gone since."""
    with change(db, Permission.LOG_RECORDS) as work:
        entry = bin_repo.put_back(work.conn, entry_id)
        work.record(Action.CREATE, entry.kind, entry.record_uuid)
    return entry.kind


def forget_person(work: Change, person_uuid: str) -> None:
    bin_repo.forget_person(work.conn, person_uuid)


def describe(entry: DeletedEntry) -> str:
    _table, label = KINDS.get(entry.kind, ("", entry.kind.capitalize()))
    row = entry.rows[0][1]
    if entry.kind == "session":
        when = _day(row["held_on"])
        venue = f" at {row['venue']}" if row.get("venue") else ""
        attended = sum(1 for t, _r in entry.rows if t == "attendances")
        return f"{label}: {when}, {SESSION_KIND.label(row['kind'])}{venue} ({attended} came)"
    if entry.kind == "outcome":
        return f"{label}: {row['measure_code']}, {_day(row['taken_on'])}"
    if entry.kind == "volunteer hours":
        return f"{label}: {_day(row['worked_on'])}, {row['activity']}"
    if entry.kind == "volunteer":
        return f"{label}: {row['name']}"
    if entry.kind == "case study":
        return f"{label}: {row['title']}"
    if entry.kind == "referral":
        return f"{label}: received {_day(row['received_on'])}"
    return label


def _day(iso: str) -> str:
    return long_date(datetime.fromisoformat(iso).date())


def _cutoff(now: datetime) -> str:
    return (now - timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
