"""Volunteer hours kept as whole minutes, so that they add up exactly.

Hours were a binary floating-point number (REAL): 127.8 + 3.5 came to 131.29999999999998, and
sums of many entries drifted further. They are now an INTEGER number of minutes:

    volunteer_hours.minutes   the time given, in whole minutes (> 0); replaces `hours`

Each stored value becomes `hours × 60` rounded to the nearest minute. For every value that was
typed or imported as hours to the minute (1.5, 0.25, 127.8: anything up to the
floating-point error of the old column) that is exact. A value more precise than a minute
(0.33 hours is 19.8 minutes) becomes the nearest minute (20), and anything under half a minute
becomes one minute, so that no entry is lost.

SQLite cannot change a column's type, so the table is rebuilt with the same ids, uuids,
links and indexes.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

SCRIPT = f"""
CREATE TABLE volunteer_hours_in_minutes (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id) ON DELETE RESTRICT,
    worked_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    activity TEXT NOT NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
    {STAMPS}
);
INSERT INTO volunteer_hours_in_minutes(id, uuid, volunteer_id, worked_on, minutes, activity,
                                       session_id, created_at, updated_at)
    SELECT id, uuid, volunteer_id, worked_on, MAX(1, CAST(ROUND(hours * 60) AS INTEGER)),
           activity, session_id, created_at, updated_at
    FROM volunteer_hours;
DROP TABLE volunteer_hours;
ALTER TABLE volunteer_hours_in_minutes RENAME TO volunteer_hours;
CREATE INDEX hours_by_date ON volunteer_hours(worked_on);
CREATE INDEX hours_by_volunteer ON volunteer_hours(volunteer_id, worked_on);
CREATE INDEX hours_by_session ON volunteer_hours(session_id) WHERE session_id IS NOT NULL
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(7, "volunteer hours kept as whole minutes", apply)
