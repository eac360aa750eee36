"""Contact details of people and volunteers: a phone number, an email address and how they
prefer to be contacted.

people.phone, volunteers.phone                  as typed, "" when not given
people.email, volunteers.email                  as typed, "" when not given
people.preferred_contact, volunteers.preferred_contact
                                                a CONTACT_PREFERENCE code, "" when not said

A person's are kept only while they agree to be contacted by the group (services refuse them
otherwise); they are never in a return, and go on erasure and anonymisation.
"""

from desktop_app.store.connection import Connection
from desktop_app.store.migrations.step import Migration, run_script

SCRIPT = """
ALTER TABLE people ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN preferred_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN preferred_contact TEXT NOT NULL DEFAULT ''
"""


def apply(conn: Connection) -> None:
    run_script(conn, SCRIPT)


MIGRATION = Migration(12, "contact details of people and volunteers", apply)
