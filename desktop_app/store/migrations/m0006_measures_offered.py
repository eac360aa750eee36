"""Custom measures that are no longer offered: a measure with scores recorded cannot be deleted
(people's records and returns depend on it), so it is stopped instead.

    custom_measures.stopped_at    when the measure stopped being offered on new outcome forms
                                  (UTC, ISO 8601); NULL while it is offered
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
ALTER TABLE custom_measures ADD COLUMN stopped_at TEXT
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(6, "custom measures that are no longer offered", apply)
