"""An erased person's data that survives erasure: in this laptop's outbox table (until a sync
happens to run), and in files of its own in the shared folder that a sync leaves behind
(a sync service's conflicted copy, a temporary file left by a sync that was killed)."""

from __future__ import annotations

from desktop_app.domain.people import Person
from desktop_app.services import people, sync
from desktop_app.services.protection import erasure
from desktop_app.services.sync.exchange import KEY_PURPOSE
from desktop_app.store.sync.sealed_files import open_sealed
from tests.sync.laptops import Group
from tests.sync.review.helpers import own_folder

NAME = "Zanele Unique-Surname"


def _outbox_text(db: object) -> bytes:
    from desktop_app.store.database import Database

    assert isinstance(db, Database)
    rows = db.connection().execute("SELECT content FROM sync_outbox").fetchall()
    return b"".join(bytes(r[0]) for r in rows)


def test_erasing_a_person_removes_them_from_the_outbox_at_once(group: Group) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    zanele = people.add_person(lead, Person(NAME))
    sync.sync_now(lead, folder=group.folder)
    assert NAME.encode() in _outbox_text(lead)
    # the lead erases her; the shared folder is on a USB stick left at the office
    erasure.erase_person(lead, zanele.id)
    assert NAME.encode() not in _outbox_text(lead), "the erased person stays in sync_outbox"


def test_an_erased_person_does_not_stay_in_files_a_sync_left_in_the_shared_folder(
    group: Group,
) -> None:
    coordinator = group.first_laptop()
    lead = group.join_from(coordinator, "Lead's laptop")
    zanele = people.add_person(lead, Person(NAME))
    sync.sync_now(lead, folder=group.folder)
    own = own_folder(group.folder, lead)
    sent = sorted(own.glob("*.peerlog-changes"))[-1]
    # what sync services and a killed sync leave beside a laptop's files
    (own / f"{sent.stem} (Lead's conflicted copy 2026-12-01){sent.suffix}").write_bytes(
        sent.read_bytes()
    )
    (own / f".{sent.name}.tmp-4242").write_bytes(sent.read_bytes())
    erasure.erase_person(lead, zanele.id)
    group.sync_all([lead, coordinator])
    key = lead.purpose_key(KEY_PURPOSE)
    still = [
        p.name
        for p in group.folder.rglob("*")
        if p.is_file() and NAME.encode() in _opened(key, p.read_bytes())
    ]
    assert still == [], f"the erased person is still in {still}"


def _opened(key: bytes, data: bytes) -> bytes:
    try:
        return open_sealed(key, data)[1]
    except Exception:
        return data
