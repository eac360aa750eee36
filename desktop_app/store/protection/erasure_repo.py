"""Erasing and anonymising people, and finding those past the retention period.

Erasure keeps session totals true: each session the person attended gains one anonymous
attendee before their attendance rows go. Everything else linked to them goes with the person
(foreign keys cascade: consents, attendances, case studies and any later per-person table);
onward referrals stay, without the person.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.protection.retention import (
    ANONYMOUS_NAME,
    PastRetention,
    anonymous_ref,
    year_of_birth_band,
)
from desktop_app.store.columns import to_required_date
from desktop_app.store.connection import Connection
from desktop_app.store.drafts_repo import delete_drafts_about
from desktop_app.store.keys import local_id
from desktop_app.store.linked_records import delete_rows_that_would_block
from desktop_app.store.sync.capture import erasing


def erase_person(conn: Connection, person_id: str) -> None:
    delete_drafts_about(conn, person_id)
    key = local_id(conn, "people", person_id)
    conn.execute(
        "UPDATE sessions SET anonymous_headcount = anonymous_headcount + 1 "
        "WHERE id IN (SELECT session_id FROM attendances WHERE person_id = ?)",
        (key,),
    )
    with erasing(conn, person_id):  # travels to other laptops as one erasure (store/sync)
        delete_rows_that_would_block(conn, "people", key)
        conn.execute("DELETE FROM people WHERE id = ?", (key,))


def anonymise_person(conn: Connection, person_id: str, today: date, now: str) -> list[str]:
    """Strip what identifies the person; the ids of the case studies removed."""
    delete_drafts_about(conn, person_id)
    key = local_id(conn, "people", person_id)
    year = conn.execute("SELECT year_of_birth FROM people WHERE id = ?", (key,)).fetchone()[0]
    conn.execute(
        "UPDATE people SET ref = ?, known_as = ?, year_of_birth = ?, disability = 'not_recorded', "
        "postcode_district = '', notes = '', phone = '', email = '', preferred_contact = '', "
        "archived = 1, anonymised_on = ?, updated_at = ? "
        "WHERE id = ?",
        (anonymous_ref(key), ANONYMOUS_NAME, year_of_birth_band(year), today.isoformat(), now, key),
    )
    # What was written about them on referrals and in feedback notes may identify them.
    conn.execute("UPDATE referrals SET notes = '' WHERE person_id = ?", (key,))
    conn.execute(
        "UPDATE referral_feedback SET support = '', what_changed = '' "
        "WHERE referral_id IN (SELECT id FROM referrals WHERE person_id = ?)",
        (key,),
    )
    # So may what was written about a safeguarding concern about them; its kind and dates stay
    # (counted in returns).
    conn.execute("UPDATE safeguarding_concerns SET what_happened = '' WHERE person_id = ?", (key,))
    conn.execute(
        "UPDATE safeguarding_actions SET what = '' "
        "WHERE concern_id IN (SELECT id FROM safeguarding_concerns WHERE person_id = ?)",
        (key,),
    )
    removed = conn.execute(
        "DELETE FROM case_studies WHERE person_id = ? RETURNING uuid", (key,)
    ).fetchall()
    return [str(r[0]) for r in removed]


_LAST_CONTACT = """
SELECT p.uuid, p.ref, p.known_as,
       COALESCE(NULLIF(MAX(COALESCE(a.last, ''), COALESCE(p.first_contact, ''),
                           COALESCE(c.last, '')), ''), substr(p.created_at, 1, 10)) AS last_contact
FROM people p
LEFT JOIN (SELECT a.person_id, MAX(s.held_on) AS last FROM attendances a
           JOIN sessions s ON s.id = a.session_id GROUP BY a.person_id) a ON a.person_id = p.id
LEFT JOIN (SELECT person_id, MAX(recorded_on) AS last FROM consents GROUP BY person_id) c
       ON c.person_id = p.id
WHERE p.anonymised_on IS NULL
"""


def past_retention(conn: Connection, cutoff: date) -> list[PastRetention]:
    """People (not yet anonymised) whose last contact (latest attendance, first contact or
    consent; when added, if none) was before `cutoff`, longest ago first."""
    rows = conn.execute(
        f"SELECT * FROM ({_LAST_CONTACT}) WHERE last_contact < ? "
        "ORDER BY last_contact, known_as COLLATE NOCASE",
        (cutoff.isoformat(),),
    )
    return [PastRetention(u, r, n, to_required_date(last)) for u, r, n, last in rows]
