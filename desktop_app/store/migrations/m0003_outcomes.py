"""Outcome measures: the forms people fill in (wellbeing, loneliness), the organisation's own
custom measures, and the WEMWBS/SWEMWBS item wording it types in from its own licence copy.

Keys follow m0002: a local `id` for joins, `uuid` as the record's identity everywhere else.

    outcome_records(id, uuid, person_id -> people, measure_code, stage, taken_on,
                    item_scores, total, metric, complete)
        item_scores is a JSON list with null for an unanswered item, or NULL for a record
        that has only a total (from an import). measure_code is a shipped code (SWEMWBS,
        WEMWBS, ONS4, UCLA3) or a custom measure's code.
    custom_measures(id, code UNIQUE, name, item_min, item_max, higher_is_better, threshold)
    custom_measure_items(measure_id -> custom_measures, number, wording)
    measure_item_wording(measure_code, number, wording)    WEMWBS and SWEMWBS only

Deleting a person deletes their outcome records. A custom measure is never deleted while
records use it (there is no delete yet).
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

SCRIPT = f"""
CREATE TABLE custom_measures (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    item_min INTEGER NOT NULL,
    item_max INTEGER NOT NULL,
    higher_is_better INTEGER NOT NULL CHECK (higher_is_better IN (0, 1)),
    threshold REAL NOT NULL CHECK (threshold > 0),
    {STAMPS},
    CHECK (item_min < item_max)
);

CREATE TABLE custom_measure_items (
    measure_id INTEGER NOT NULL REFERENCES custom_measures(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    wording TEXT NOT NULL,
    PRIMARY KEY (measure_id, number)
) WITHOUT ROWID;

CREATE TABLE measure_item_wording (
    measure_code TEXT NOT NULL CHECK (measure_code IN ('WEMWBS', 'SWEMWBS')),
    number INTEGER NOT NULL CHECK (number >= 1),
    wording TEXT NOT NULL,
    PRIMARY KEY (measure_code, number)
) WITHOUT ROWID;

CREATE TABLE outcome_records (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    measure_code TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('baseline', 'review', 'exit')),
    taken_on TEXT NOT NULL,
    item_scores TEXT,
    total INTEGER,
    metric REAL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    {STAMPS}
);
CREATE INDEX outcome_records_by_person ON outcome_records(person_id, taken_on);
CREATE INDEX outcome_records_by_measure ON outcome_records(measure_code, stage, taken_on)
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(3, "outcome measures", apply)
