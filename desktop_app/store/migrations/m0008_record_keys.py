"""Record keys for cell key perturbation of returns (see domain/returns/ptable.py).

    people.record_key, volunteers.record_key    a random whole number from 0 to 255, made once
                                                when the record is added (Python's secrets
                                                module) and never changed, shown or exported

A return publishes a count of people through a table looked up with the sum of their record
keys, so the same people always give the same published number. Existing records get their key
here; triggers refuse a record without one and any change to one.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration
from desktop_app.store.record_keys import new_record_key

TABLES = ("people", "volunteers")


def _triggers(table: str) -> tuple[str, str]:
    """Statements with `;` inside, so each is run whole (not through run_script)."""
    return (
        f"CREATE TRIGGER {table}_record_key_given BEFORE INSERT ON {table} "
        "WHEN NEW.record_key IS NULL OR NEW.record_key NOT BETWEEN 0 AND 255 "
        "BEGIN SELECT RAISE(ABORT, 'a new record needs a record key from 0 to 255'); END",
        f"CREATE TRIGGER {table}_record_key_kept BEFORE UPDATE OF record_key ON {table} "
        "WHEN NEW.record_key IS NOT OLD.record_key "
        "BEGIN SELECT RAISE(ABORT, 'a record key never changes'); END",
    )


def apply(conn: Connection) -> None:
    for table in TABLES:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN record_key INTEGER")
        ids = [row[0] for row in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
        conn.executemany(
            f"UPDATE {table} SET record_key = ? WHERE id = ?",
            ((new_record_key(), key) for key in ids),
        )
        for trigger in _triggers(table):
            conn.execute(trigger)


MIGRATION = Migration(8, "record keys for perturbing counts of people in returns", apply)
