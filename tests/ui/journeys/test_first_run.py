"""A new coordinator's first minutes: set up the database, add the volunteer who runs the group,
and log the first session, all from the keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop_app import app_dirs
from desktop_app.services import people, sessions, volunteers
from desktop_app.services.databases import open_database
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.start.first_run_wizard import FirstRunWizard
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.ui.conftest import UNLOCK_TIMEOUT_MS
from tests.ui.journeys.driver import Person
from tests.ui.test_ui_journeys_corrections import section_key

PASSPHRASE = "kettle orange bicycle"


def test_first_run_to_the_first_session_logged(person: Person) -> None:
    start = person.window.start
    assert start.welcome.isVisible()
    person.alt("s")  # Set up a new database…
    wizard = person.dialog(FirstRunWizard)
    assert person.focused() is wizard.organisation.name
    person.type("Hillside Peer Support")
    person.enter()
    assert wizard.currentPage() is wizard.location
    person.enter()  # the folder PeerLog suggests
    assert wizard.currentPage() is wizard.passphrase
    assert person.focused() is wizard.passphrase.fields.first
    person.type(PASSPHRASE)
    person.press(Qt.Key.Key_Tab)
    person.type(PASSPHRASE)
    person.enter()
    person.wait_for(lambda: wizard.currentPage() is wizard.recovery, UNLOCK_TIMEOUT_MS)
    person.alt("i")  # I have written down or printed the recovery code
    person.wait_for(wizard.recovery.kept.isChecked)
    person.alt("s")  # Start using PeerLog
    person.wait_for(lambda: person.window.db is not None)

    person.ctrl(section_key("Volunteers"))
    person.alt("a")  # Add a volunteer…
    form = person.dialog(VolunteerDialog)
    assert person.focused() is form.name
    person.type("Robin Ashworth")
    person.save()
    person.closed(form)

    person.ctrl(Qt.Key.Key_N)  # Log a session
    log = person.dialog(SessionDialog)
    person.alt("f")  # Facilitators
    person.type("Robin")
    person.enter()
    person.alt("a")  # Attendees
    for name in ("Sam Okoro", "Priya Shah", "Tom Hughes"):
        person.type(name)  # nobody matches on a new database: each is added as a new person
        person.enter()
    assert log.attendees.new_names() == ["Sam Okoro", "Priya Shah", "Tom Hughes"]
    person.save()
    person.closed(log)

    # What was stored, read back with the passphrase chosen in the wizard.
    folder = app_dirs.default_database_dir() / "Hillside Peer Support.peerlog"
    assert person.db.folder == folder
    person.window.lock()
    db = open_database(folder, PASSPHRASE)
    try:
        assert db.setting("organisation_name") == "Hillside Peer Support"
        (row,) = sessions.list_sessions(db).rows
        detail = sessions.session_detail(db, row.id)
        assert detail.session.held_on == date.today()
        assert [v.name for v in detail.facilitators] == ["Robin Ashworth"]
        assert sorted(p.known_as for p in detail.attendees) == [
            "Priya Shah",
            "Sam Okoro",
            "Tom Hughes",
        ]
        assert people.list_people(db).total == 3
        assert [v.name for v in volunteers.list_volunteers(db)] == ["Robin Ashworth"]
    finally:
        db.close()
