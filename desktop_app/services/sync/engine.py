"""The one place the sync services meet the store's merge engine (store/sync): taking this
laptop's changes, applying another laptop's, what an erasure leaves behind, and conflicts turned
into what the window shows."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.domain.sync.changes import Change, ChangeBatch, Value
from desktop_app.domain.sync.report import Conflict
from desktop_app.store.connection import Connection
from desktop_app.store.sync import apply, capture, history, labels
from desktop_app.store.sync import conflicts as stored
from desktop_app.store.sync.apply import Applied

__all__ = ["Applied"]


def take_pending(conn: Connection, laptop: str, sequence: int, now_ms: int) -> tuple[Change, ...]:
    return capture.take_pending(conn, laptop, sequence, now_ms)


def forget_pending(conn: Connection) -> None:
    capture.forget_pending(conn)


def apply_batch(conn: Connection, batch: ChangeBatch, now_ms: int) -> Applied:
    return apply.apply_batch(conn, batch, now_ms)


def removals(conn: Connection, batch: ChangeBatch) -> tuple[int, int]:
    return apply.removals(conn, batch)


def erased_subjects(conn: Connection) -> set[str]:
    return history.erased_subjects(conn)


def conflicts(conn: Connection, laptop_names: dict[str, str]) -> list[Conflict]:
    def named(laptop: str) -> str:
        return laptop_names.get(laptop) or ("this laptop" if not laptop else "another laptop")

    found = []
    for c in stored.conflicts(conn):
        found.append(
            Conflict(
                id=str(c.id),
                record_kind=RECORD_KINDS.get(c.table, "record"),
                record_label=labels.record_label(conn, c.table, c.key),
                record_id=c.key,
                field_label=FIELD_WORDS.get(c.field, c.field.replace("_", " ")),
                kept=_text(c.kept),
                kept_from=named(c.kept_laptop),
                other=_text(c.other),
                other_from=named(c.other_laptop),
                found_at=_moment(c.found_at),
            )
        )
    return found


# How the review list names a kind of record and a field, in the window's words.
RECORD_KINDS = {
    "people": "person",
    "volunteers": "volunteer",
    "sessions": "session",
    "consents": "consent",
    "outcome_records": "wellbeing score",
    "case_studies": "case study",
    "referrals": "referral",
    "referral_feedback": "feedback to a referrer",
    "onward_referrals": "onward referral",
    "safeguarding_concerns": "safeguarding concern",
    "safeguarding_actions": "safeguarding action",
    "training_records": "training",
    "volunteer_hours": "hours entry",
    "custom_measures": "measure",
    "settings": "setting",
}
FIELD_WORDS = {
    "known_as": "name",
    "ref": "reference",
    "postcode_district": "postcode district",
    "first_contact": "first contact",
    "year_of_birth": "year of birth",
    "ethnic_group": "ethnic group",
    "referral_source": "how they heard of us",
    "preferred_contact": "how they prefer to be contacted",
    "held_on": "date",
    "starts_at": "start time",
    "minutes": "length (minutes)",
    "anonymous_headcount": "came without a record",
    "dbs_checked_on": "DBS checked on",
    "started_on": "started on",
    "ended_on": "ended on",
    "lived_experience": "lived experience",
    "worked_on": "date worked",
    "taken_on": "date taken",
    "item_scores": "answers",
    "what_happened": "what happened",
    "passed_to": "passed to",
    "raised_on": "raised on",
    "resolved_on": "resolved on",
    "by_whom": "by whom",
}


def resolve_conflict(conn: Connection, conflict_id: str, use_other: bool) -> str:
    """Returns the identity of the record concerned."""
    try:
        number = int(conflict_id)
    except ValueError:
        number = -1
    key = stored.record_key(conn, number)
    stored.resolve_conflict(conn, number, use_other)
    return key


def _text(value: Value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
