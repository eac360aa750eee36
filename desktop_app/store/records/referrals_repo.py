"""Referrals and the feedback notes sent back to referrers.

First session and engaged are never stored: they are read from attendance (the sessions the
person attended on or after the day the referral was received) each time a referral is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.referrals.feedback import FeedbackNote
from desktop_app.domain.referrals.pipeline import ENGAGED_SESSIONS, Progress, ReferralRow
from desktop_app.domain.referrals.records import Referral
from desktop_app.store.columns import date_text, lines_text, to_date, to_lines, to_required_date
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import delete_record, local_ids, update_record

_ATTENDED_SINCE = (
    "FROM attendances a JOIN sessions s ON s.id = a.session_id "
    "WHERE a.person_id = r.person_id AND s.held_on >= r.received_on"
)
_FIELDS = (
    "received_on, source_kind, organisation, referrer_role, needs, consent_to_feedback, "
    "share_scores, notes, contact_attempted_on, contacted_on, closed_on, closed_reason"
)
_QUERY = ListQuery(
    columns=f"p.uuid, r.{_FIELDS.replace(', ', ', r.')}, r.uuid, r.created_at, r.updated_at, "
    f"(SELECT MIN(s.held_on) {_ATTENDED_SINCE}), "
    f"(SELECT s.held_on {_ATTENDED_SINCE} ORDER BY s.held_on "
    f"LIMIT 1 OFFSET {ENGAGED_SESSIONS - 1}), "
    f"(SELECT COUNT(*) {_ATTENDED_SINCE}), p.ref, p.known_as",
    table="referrals",
    alias="r",
    joins="JOIN people p ON p.id = r.person_id",
)
# Waiting (not closed, no response yet) first; then oldest received first.
_INBOX_ORDER = (
    "ORDER BY (r.closed_on IS NULL AND r.contact_attempted_on IS NULL AND r.contacted_on IS NULL "
    f"AND NOT EXISTS (SELECT 1 {_ATTENDED_SINCE})) DESC, r.received_on, r.id"
)


def _values(r: Referral) -> tuple[Any, ...]:
    return (
        date_text(r.received_on),
        r.source_kind,
        r.organisation,
        r.referrer_role,
        lines_text(r.needs),
        int(r.consent_to_feedback),
        int(r.share_scores),
        r.notes,
        date_text(r.contact_attempted_on),
        date_text(r.contacted_on),
        date_text(r.closed_on),
        r.closed_reason,
    )


def insert_referrals(conn: Connection, referrals: Sequence[Referral], now: str) -> None:
    people = local_ids(conn, "people", [r.person_id for r in referrals])
    conn.executemany(
        f"INSERT INTO referrals(uuid, person_id, {_FIELDS}, created_at, updated_at) "
        f"VALUES (?, ?, {', '.join('?' * 12)}, ?, ?)",
        ((r.id, people[r.person_id], *_values(r), now, now) for r in referrals),
    )


def update_referral(conn: Connection, referral: Referral, now: str) -> None:
    person = local_ids(conn, "people", [referral.person_id])[referral.person_id]
    update_record(
        conn, "referrals", f"person_id, {_FIELDS}", (person, *_values(referral)), now, referral.id
    )


def delete_referral(conn: Connection, referral_id: str) -> None:
    delete_record(conn, "referrals", referral_id)


def get_referral_row(conn: Connection, referral_id: str) -> ReferralRow:
    row = conn.execute(f"{_QUERY.select()} WHERE r.uuid = ?", (referral_id,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return _referral_row(row)


def list_referral_rows(
    conn: Connection,
    page: Page,
    open_only: bool = True,
    person_id: str | None = None,
) -> Paged[ReferralRow]:
    """The inbox: those still waiting for a response first, then oldest received first."""
    where = Conditions()
    if open_only:
        where.add("r.closed_on IS NULL")
    if person_id is not None:
        where.add("r.person_id = ?", local_ids(conn, "people", [person_id])[person_id])
    return fetch_page(conn, _QUERY, where, _INBOX_ORDER, page, _referral_row)


def received_between(conn: Connection, start: date, end: date) -> list[tuple[Progress, int]]:
    """Every referral received from `start` to `end` (inclusive), with its progress and the
    record key of the person referred (for returns: never shown)."""
    rows = conn.execute(
        f"SELECT {_QUERY.columns}, p.record_key FROM {_QUERY.table} {_QUERY.alias} "
        f"{_QUERY.joins} WHERE r.received_on BETWEEN ? AND ? ORDER BY r.received_on, r.id",
        (start.isoformat(), end.isoformat()),
    )
    return [(_referral_row(row[:-1]).progress, int(row[-1])) for row in rows]


def open_referral_progress(conn: Connection) -> list[Progress]:
    """Every referral not yet closed (for overdue counts)."""
    rows = conn.execute(f"{_QUERY.select()} WHERE r.closed_on IS NULL")
    return [_referral_row(row).progress for row in rows]


def _referral_row(row: tuple[Any, ...]) -> ReferralRow:
    (person, received, kind, organisation, role, needs, consent, scores, notes) = row[:9]
    (attempted, contacted, closed, reason, uuid, created, updated) = row[9:16]
    first, engaged, attended, ref, name = row[16:]
    referral = Referral(
        person_id=str(person),
        received_on=to_required_date(str(received)),
        source_kind=str(kind),
        organisation=str(organisation),
        referrer_role=str(role),
        needs=to_lines(str(needs)),
        consent_to_feedback=bool(consent),
        share_scores=bool(scores),
        notes=str(notes),
        contact_attempted_on=to_date(attempted),
        contacted_on=to_date(contacted),
        closed_on=to_date(closed),
        closed_reason=str(reason),
        id=str(uuid),
        created_at=str(created),
        updated_at=str(updated),
    )
    progress = Progress(referral, to_date(first), to_date(engaged), int(attended))
    return ReferralRow(progress, str(ref), str(name))


# Feedback notes ------------------------------------------------------------------------------

_NOTE_COLUMNS = (
    "r.uuid, f.written_on, f.sessions_attended, f.support, f.what_changed, f.scores_included, "
    "f.uuid, f.created_at"
)


def insert_feedback(conn: Connection, note: FeedbackNote, now: str) -> None:
    referral = local_ids(conn, "referrals", [note.referral_id])[note.referral_id]
    conn.execute(
        "INSERT INTO referral_feedback(uuid, referral_id, written_on, sessions_attended, "
        "support, what_changed, scores_included, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            note.id,
            referral,
            note.written_on.isoformat(),
            note.sessions_attended,
            note.support,
            note.what_changed,
            int(note.scores_included),
            now,
            now,
        ),
    )


def feedback_notes(conn: Connection, referral_id: str) -> list[FeedbackNote]:
    """The notes sent back about one referral, oldest first."""
    rows = conn.execute(
        f"SELECT {_NOTE_COLUMNS} FROM referral_feedback f "
        "JOIN referrals r ON r.id = f.referral_id WHERE r.uuid = ? ORDER BY f.written_on, f.id",
        (referral_id,),
    )
    return [
        FeedbackNote(
            referral_id=str(ref),
            written_on=to_required_date(str(written)),
            sessions_attended=int(attended),
            support=str(support),
            what_changed=str(changed),
            scores_included=bool(scores),
            id=str(uuid),
            created_at=str(created),
        )
        for ref, written, attended, support, changed, scores, uuid, created in rows
    ]


def session_kinds_attended(conn: Connection, referral_id: str) -> list[tuple[str, int]]:
    """(SESSION_KIND code, sessions) the person attended since the referral, most first."""
    rows = conn.execute(
        "SELECT s.kind, COUNT(*) FROM referrals r JOIN attendances a ON a.person_id = r.person_id "
        "JOIN sessions s ON s.id = a.session_id "
        "WHERE r.uuid = ? AND s.held_on >= r.received_on GROUP BY s.kind ORDER BY 2 DESC, 1",
        (referral_id,),
    )
    return [(str(kind), int(count)) for kind, count in rows]
