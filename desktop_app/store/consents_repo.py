"""Consent records. A person's history is kept: the latest record is the one in force."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.domain.people import Consent
from desktop_app.store.columns import date_text, to_required_date
from desktop_app.store.connection import Connection

_COLUMNS = "uuid, recorded_on, method, keep_data, be_contacted, share_story, created_at, updated_at"
_LATEST_FIRST = "ORDER BY recorded_on DESC, id DESC"


def insert_consents(conn: Connection, rows: Iterable[tuple[int, Consent]], now: str) -> None:
    """Insert (person local id, consent) pairs."""
    conn.executemany(
        "INSERT INTO consents(person_id, uuid, recorded_on, method, keep_data, be_contacted, "
        "share_story, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            )
            for person_id, c in rows
        ),
    )


def save_consent(conn: Connection, person_id: int, consent: Consent, now: str) -> None:
    """Correct the record when it exists (same id), otherwise add it to the history."""
    updated = conn.execute(
        "UPDATE consents SET recorded_on = ?, method = ?, keep_data = ?, be_contacted = ?, "
        "share_story = ?, updated_at = ? WHERE uuid = ? AND person_id = ?",
        (
            date_text(consent.recorded_on),
            consent.method,
            int(consent.keep_data),
            int(consent.be_contacted),
            int(consent.share_story),
            now,
            consent.id,
            person_id,
        ),
    )
    if updated.rowcount == 0:
        insert_consents(conn, [(person_id, consent)], now)


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


def _consent(row: tuple[object, ...]) -> Consent:
    uuid, recorded_on, method, keep, contact, share, created, updated = row
    return Consent(
        recorded_on=to_required_date(str(recorded_on)),
        method=str(method),
        keep_data=bool(keep),
        be_contacted=bool(contact),
        share_story=bool(share),
        id=str(uuid),
        created_at=str(created),
        updated_at=str(updated),
    )
