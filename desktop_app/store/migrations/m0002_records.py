"""The everyday records: people, consent, volunteers, training, sessions, attendance, hours,
onward referrals and case studies.

Keys. Every table has `id INTEGER PRIMARY KEY`, a local key used only for joins inside this
file (so that a million attendances stay small and fast), and `uuid TEXT UNIQUE`, the record's
identity everywhere else: it is the `id` of the domain dataclasses, and what a later merge between
laptops matches on. Link tables (attendances, session_facilitators) are identified by their two
ends. Every record table has `created_at` and `updated_at` (UTC, ISO 8601).

Values. Dates are ISO text (`2025-03-01`), start times `HH:MM`, booleans 0/1, coded fields hold
the codes of resources/reference/vocabularies.md (gender, ethnic_group, kind, mode...). Lists of
short texts (volunteer roles, session topics) are newline-separated text.

    people(id, uuid, ref UNIQUE NOCASE, known_as, year_of_birth, gender, ethnic_group,
           disability, postcode_district, referral_source, first_contact, notes, archived)
    consents(id, uuid, person_id -> people, recorded_on, method, keep_data, be_contacted,
             share_story)                     the latest by (recorded_on, id) is in force
    volunteers(id, uuid, ref UNIQUE NOCASE, name, roles, started_on, ended_on,
               lived_experience, dbs_checked_on)
    training_records(id, uuid, volunteer_id -> volunteers, course, completed_on, expires_on)
    sessions(id, uuid, held_on, starts_at, minutes, kind, mode, venue, anonymous_headcount,
             topics, notes, safeguarding_concern, safeguarding_follow_up,
             safeguarding_resolved_on)
    attendances(session_id -> sessions, person_id -> people)           registered attendees
    session_facilitators(session_id -> sessions, volunteer_id -> volunteers)
    onward_referrals(id, uuid, session_id -> sessions, person_id -> people NULL, destination)
    volunteer_hours(id, uuid, volunteer_id -> volunteers, worked_on, hours, activity,
                    session_id -> sessions NULL)
    case_studies(id, uuid, person_id -> people, written_on, title, body, consent_to_share)

Deleting a person (erasure) deletes their attendances, consents and case studies; their onward
referrals stay, without the person. Deleting a session deletes its attendances, facilitators,
referrals and the hours recorded against it. A volunteer with sessions or hours cannot be
deleted (give them an end date instead).
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

SCRIPT = f"""
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    ref TEXT NOT NULL UNIQUE COLLATE NOCASE,
    known_as TEXT NOT NULL,
    year_of_birth INTEGER,
    gender TEXT NOT NULL,
    ethnic_group TEXT NOT NULL,
    disability TEXT NOT NULL,
    postcode_district TEXT NOT NULL DEFAULT '',
    referral_source TEXT NOT NULL,
    first_contact TEXT,
    notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    {STAMPS}
);
CREATE INDEX people_by_name ON people(known_as COLLATE NOCASE);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    recorded_on TEXT NOT NULL,
    method TEXT NOT NULL,
    keep_data INTEGER NOT NULL CHECK (keep_data IN (0, 1)),
    be_contacted INTEGER NOT NULL CHECK (be_contacted IN (0, 1)),
    share_story INTEGER NOT NULL CHECK (share_story IN (0, 1)),
    {STAMPS}
);
CREATE INDEX consents_by_person ON consents(person_id, recorded_on);

CREATE TABLE volunteers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    ref TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '',
    started_on TEXT,
    ended_on TEXT,
    lived_experience INTEGER NOT NULL DEFAULT 0 CHECK (lived_experience IN (0, 1)),
    dbs_checked_on TEXT,
    {STAMPS}
);
CREATE INDEX volunteers_by_name ON volunteers(name COLLATE NOCASE);

CREATE TABLE training_records (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    course TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    expires_on TEXT,
    {STAMPS}
);
CREATE INDEX training_by_volunteer ON training_records(volunteer_id, course COLLATE NOCASE);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    held_on TEXT NOT NULL,
    starts_at TEXT,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    anonymous_headcount INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_headcount >= 0),
    topics TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    safeguarding_concern INTEGER NOT NULL DEFAULT 0 CHECK (safeguarding_concern IN (0, 1)),
    safeguarding_follow_up TEXT NOT NULL DEFAULT '',
    safeguarding_resolved_on TEXT,
    {STAMPS}
);
CREATE INDEX sessions_by_date ON sessions(held_on, starts_at);
CREATE INDEX sessions_by_kind ON sessions(kind, held_on, starts_at);
CREATE INDEX sessions_by_venue ON sessions(venue COLLATE NOCASE, held_on);
CREATE INDEX sessions_with_open_concerns ON sessions(held_on)
    WHERE safeguarding_concern = 1 AND safeguarding_resolved_on IS NULL;

CREATE TABLE attendances (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendances_by_person ON attendances(person_id, session_id);

CREATE TABLE session_facilitators (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, volunteer_id)
) WITHOUT ROWID;
CREATE INDEX facilitators_by_volunteer ON session_facilitators(volunteer_id, session_id);

CREATE TABLE onward_referrals (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    destination TEXT NOT NULL,
    {STAMPS}
);
CREATE INDEX referrals_by_session ON onward_referrals(session_id);
CREATE INDEX referrals_by_person ON onward_referrals(person_id) WHERE person_id IS NOT NULL;

CREATE TABLE volunteer_hours (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE RESTRICT,
    worked_on TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0),
    activity TEXT NOT NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    {STAMPS}
);
CREATE INDEX hours_by_date ON volunteer_hours(worked_on);
CREATE INDEX hours_by_volunteer ON volunteer_hours(volunteer_id, worked_on);
CREATE INDEX hours_by_session ON volunteer_hours(session_id) WHERE session_id IS NOT NULL;

CREATE TABLE case_studies (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    written_on TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),
    {STAMPS}
);
CREATE INDEX case_studies_by_person ON case_studies(person_id, written_on)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(2, "people, volunteers, sessions and hours", apply)
