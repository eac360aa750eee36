"""Referrals in, feedback out: who referred a person to the group and what happened next, and
each note sent back to the referrer.

    referrals(id, uuid, person_id -> people, received_on, source_kind, organisation,
              referrer_role, needs, consent_to_feedback, share_scores, notes,
              contact_attempted_on, contacted_on, closed_on, closed_reason)
        source_kind, needs (newline-separated) and closed_reason hold the codes of
        resources/reference/vocabularies.md; first session and engaged are not stored: they
        come from attendance.
    referral_feedback(id, uuid, referral_id -> referrals, written_on, sessions_attended,
                      support, what_changed, scores_included)
        a note sent back to the referrer: what it said (scores_included: whether wellbeing
        scores were in it).

Erasing a person deletes their referrals, and with them the feedback notes.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

SCRIPT = f"""
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    received_on TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    referrer_role TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    consent_to_feedback INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_feedback IN (0, 1)),
    share_scores INTEGER NOT NULL DEFAULT 0 CHECK (share_scores IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    contact_attempted_on TEXT,
    contacted_on TEXT,
    closed_on TEXT,
    closed_reason TEXT NOT NULL DEFAULT '',
    {STAMPS}
);
CREATE INDEX referrals_by_received ON referrals(received_on, id);
CREATE INDEX referrals_of_person ON referrals(person_id);

CREATE TABLE referral_feedback (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    written_on TEXT NOT NULL,
    sessions_attended INTEGER NOT NULL CHECK (sessions_attended >= 0),
    support TEXT NOT NULL DEFAULT '',
    what_changed TEXT NOT NULL DEFAULT '',
    scores_included INTEGER NOT NULL DEFAULT 0 CHECK (scores_included IN (0, 1)),
    {STAMPS}
);
CREATE INDEX feedback_by_referral ON referral_feedback(referral_id, written_on)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(10, "referrals received and feedback sent to referrers", apply)
