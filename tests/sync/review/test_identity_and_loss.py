"""Identity handling that loses records: a laptop whose database folder moved is treated as a
copy and silently drops every change it had not sent yet."""

from __future__ import annotations

import shutil

from desktop_app.domain.people import Person
from desktop_app.services import people
from tests.sync.laptops import Group


def _names(db: object) -> set[str]:
    from desktop_app.domain.listing import Page, PeopleFilter
    from desktop_app.store.database import Database

    assert isinstance(db, Database)
    rows = people.list_people(db, PeopleFilter(archived="all"), Page(limit=100)).rows
    return {r.known_as for r in rows}


def test_moving_the_database_folder_keeps_changes_not_yet_sent(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    group.sync_all([coordinator, lead])
    people.add_person(lead, Person("Ben T."))  # logged at the venue, not synced yet
    old = group.close(lead)
    # the lead moves PeerLog's folder (a new drive, OneDrive's "Documents" move, a new user name)
    moved = group.tmp / "new place" / old.name
    moved.parent.mkdir()
    shutil.move(str(old), str(moved))
    lead = group.reopen(moved)
    assert "Ben T." in _names(lead)
    group.sync_all([lead, coordinator])
    assert "Ben T." in _names(coordinator), "the lead's unsent person never reached the others"
