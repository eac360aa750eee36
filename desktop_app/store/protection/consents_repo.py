"""Consent records. A person's history is kept: the latest record is the one in force."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop_app.domain.people import CONSENT_PARTS, Consent, ConsentPart
from desktop_app.store.columns import date_text, to_date, to_required_date
from desktop_app.store.connection import Connection

_COLUMNS = (
    "uuid, recorded_on, method, keep_data, be_contacted, share_story, created_at, updated_at, "
    "notice_version, keep_data_withdrawn_on, be_contacted_withdrawn_on, share_story_withdrawn_on"
)
_LATEST_FIRST = "ORDER BY recorded_on DESC, id DESC"


def insert_consents(conn: Connection, rows: Iterable[tuple[int, Consent]], now: str) -> None:
    """Insert (person local id, consent) pairs."""
    conn.executemany(
        "INSERT INTO consents(person_id, uuid, recorded_on, method, keep_data, be_contacted, "
        "share_story, created_at, updated_at, notice_version, keep_data_withdrawn_on, "
        "be_contacted_withdrawn_on, share_story_withdrawn_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                person_id,
                c.id,
                date_text(c.recorded_on),
                c.method,
                int(c.keep_data),
                int(c.be_contacted),
                int(c.share_story),
                now,
                now,
                *_notice_and_withdrawals(c),
            )
            for person_id, c in rows
        ),
    )


def save_consent(conn: Connection, person_id: int, consent: Consent, now: str) -> None:
    """Correct the record when it exists (same id), otherwise add it to the history."""
    updated = conn.execute(
        "UPDATE consents SET recorded_on = ?, method = ?, keep_data = ?, be_contacted = ?, "
        "share_story = ?, updated_at = ?, notice_version = ?, keep_data_withdrawn_on = ?, "
        "be_contacted_withdrawn_on = ?, share_story_withdrawn_on = ? "
        "WHERE uuid = ? AND person_id = ?",
        (
            date_text(consent.recorded_on),
            consent.method,
            int(consent.keep_data),
            int(consent.be_contacted),
            int(consent.share_story),
            now,
            *_notice_and_withdrawals(consent),
            consent.id,
            person_id,
        ),
    )
    if updated.rowcount == 0:
        insert_consents(conn, [(person_id, consent)], now)


def _notice_and_withdrawals(c: Consent) -> tuple[str, str | None, str | None, str | None]:
    return (
        c.notice_version,
        date_text(c.keep_data_withdrawn_on),
        date_text(c.be_contacted_withdrawn_on),
        date_text(c.share_story_withdrawn_on),
    )


def withdraw(conn: Connection, consent_id: str, part: ConsentPart, on: date, now: str) -> None:
    """Mark one part of a consent record withdrawn (the first date given stays)."""
    column = {p: f"{p}_withdrawn_on" for p in CONSENT_PARTS}[part]
    conn.execute(
        f"UPDATE consents SET {column} = COALESCE({column}, ?), updated_at = ? WHERE uuid = ?",
        (date_text(on), now, consent_id),
    )


def stop_sharing_stories(conn: Connection, person_id: int, now: str) -> list[str]:
    """Mark the person's case studies not to be shared; the ids of those that were."""
    rows = conn.execute(
        "UPDATE case_studies SET consent_to_share = 0, updated_at = ? "
        "WHERE person_id = ? AND consent_to_share = 1 RETURNING uuid",
        (now, person_id),
    ).fetchall()
    return [str(r[0]) for r in rows]


def current_consent(conn: Connection, person_id: int) -> Consent | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM consents WHERE person_id = ? {_LATEST_FIRST} LIMIT 1",
        (person_id,),
    ).fetchone()
    return None if row is None else _consent(row)


def consent_history(conn: Connection, person_id: int) -> list[Consent]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM consents WHERE person_id = ? {_LATEST_FIRST}", (person_id,)
    )
    return [_consent(row) for row in rows]


def _consent(row: tuple[Any, ...]) -> Consent:
    uuid, recorded_on, method, keep, contact, share, created, updated = row[:8]
    notice, keep_withdrawn, contact_withdrawn, share_withdrawn = row[8:]
    return Consent(
        recorded_on=to_required_date(str(recorded_on)),
        method=str(method),
        keep_data=bool(keep),
        be_contacted=bool(contact),
        share_story=bool(share),
        id=str(uuid),
        created_at=str(created),
        updated_at=str(updated),
        notice_version=str(notice),
        keep_data_withdrawn_on=to_date(keep_withdrawn),
        be_contacted_withdrawn_on=to_date(contact_withdrawn),
        share_story_withdrawn_on=to_date(share_withdrawn),
    )
