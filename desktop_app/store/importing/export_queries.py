"""Every record, read in bulk for "Export all records": one query per sheet of the template,
streamed, so that 100,000 sessions export without one query per session.

Rows come back as tuples in the column order of the template's sheets
(domain/importing/template.py); values are as stored (ISO dates, 0/1, codes, lines of text,
item scores as JSON).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.store.connection import Connection

Row = tuple[Any, ...]

_PEOPLE = """
SELECT p.ref, p.known_as, p.year_of_birth, p.gender, p.ethnic_group, p.disability,
       p.postcode_district, p.referral_source, p.first_contact,
       c.recorded_on, c.share_story, c.method, c.be_contacted, p.archived, p.notes,
       p.phone, p.email, p.preferred_contact
FROM people p
LEFT JOIN consents c ON c.id = (
    SELECT id FROM consents WHERE person_id = p.id ORDER BY recorded_on DESC, id DESC LIMIT 1)
ORDER BY p.ref
"""
_VOLUNTEERS = """
SELECT ref, name, roles, started_on, ended_on, lived_experience, dbs_checked_on,
       phone, email, preferred_contact
FROM volunteers ORDER BY ref
"""
_TRAINING = """
SELECT v.ref, t.course, t.completed_on, t.expires_on
FROM training_records t JOIN volunteers v ON v.id = t.volunteer_id
ORDER BY v.ref, t.completed_on, t.id
"""
_SESSIONS = """
SELECT s.uuid, s.held_on, s.kind, s.mode, s.minutes, s.starts_at, s.venue,
       (SELECT group_concat(ref, ';') FROM (
            SELECT v.ref FROM session_facilitators f JOIN volunteers v ON v.id = f.volunteer_id
            WHERE f.session_id = s.id ORDER BY v.ref)),
       s.anonymous_headcount, s.topics, s.notes
FROM sessions s ORDER BY s.held_on, s.starts_at, s.id
"""
_ATTENDANCE = """
SELECT s.uuid, p.ref
FROM attendances a JOIN sessions s ON s.id = a.session_id JOIN people p ON p.id = a.person_id
ORDER BY s.held_on, s.starts_at, s.id, p.ref
"""
_REFERRALS = """
SELECT s.uuid, r.destination, p.ref
FROM onward_referrals r JOIN sessions s ON s.id = r.session_id
LEFT JOIN people p ON p.id = r.person_id
ORDER BY s.held_on, s.starts_at, s.id, r.id
"""
_CASE_STUDIES = """
SELECT p.ref, c.written_on, c.title, c.body, c.consent_to_share
FROM case_studies c JOIN people p ON p.id = c.person_id
ORDER BY p.ref, c.written_on, c.id
"""
_HOURS = """
SELECT v.ref, h.worked_on, h.minutes, h.activity, s.uuid
FROM volunteer_hours h JOIN volunteers v ON v.id = h.volunteer_id
LEFT JOIN sessions s ON s.id = h.session_id
ORDER BY h.worked_on, h.id
"""

_OUTCOMES = """
SELECT p.ref, COALESCE(m.name, o.measure_code), o.stage, o.taken_on, o.item_scores,
       CASE WHEN o.item_scores IS NULL THEN o.total END
FROM outcome_records o JOIN people p ON p.id = o.person_id
LEFT JOIN custom_measures m ON m.code = o.measure_code
ORDER BY p.ref, o.taken_on, o.id
"""

_REFERRALS_RECEIVED = """
SELECT p.ref, r.received_on, r.source_kind, r.organisation, r.referrer_role, r.needs,
       r.consent_to_feedback, r.share_scores, r.contact_attempted_on, r.contacted_on,
       r.closed_on, NULLIF(r.closed_reason, ''), r.notes
FROM referrals r JOIN people p ON p.id = r.person_id
ORDER BY r.received_on, p.ref, r.id
"""

_CONCERNS = """
SELECT c.uuid, c.raised_on, c.kind, p.ref, s.uuid, c.what_happened, c.passed_to, c.resolved_on,
       c.raised_by, c.resolved_by
FROM safeguarding_concerns c LEFT JOIN people p ON p.id = c.person_id
LEFT JOIN sessions s ON s.id = c.session_id
ORDER BY c.raised_on, c.id
"""

_CONCERN_ACTIONS = """
SELECT c.uuid, a.taken_on, a.what, a.by_whom
FROM safeguarding_actions a JOIN safeguarding_concerns c ON c.id = a.concern_id
ORDER BY c.raised_on, c.id, a.taken_on, a.id
"""

QUERIES = {
    "people": _PEOPLE,
    "volunteers": _VOLUNTEERS,
    "training": _TRAINING,
    "sessions": _SESSIONS,
    "attendance": _ATTENDANCE,
    "onward_referrals": _REFERRALS,
    "volunteer_hours": _HOURS,
    "case_studies": _CASE_STUDIES,
    "outcomes": _OUTCOMES,
    "referrals": _REFERRALS_RECEIVED,
    "safeguarding_concerns": _CONCERNS,
    "safeguarding_actions": _CONCERN_ACTIONS,
}


def sheet_rows(conn: Connection, sheet: str) -> Iterator[Row]:
    """The rows of one template sheet, as stored."""
    yield from conn.execute(QUERIES[sheet])


def row_count(conn: Connection, sheet: str) -> int:
    tables = {
        "training": "training_records",
        "attendance": "attendances",
        "outcomes": "outcome_records",
    }
    table = tables.get(sheet, sheet)
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
