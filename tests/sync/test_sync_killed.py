"""A sync killed at each of its file operations in turn (a laptop shut, a battery gone), on the
laptop sending and on the laptop receiving: the next sync finishes the job, the other laptop ends
with exactly the records of the first, nothing is lost and nothing is applied twice."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop_app import app_dirs
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import databases, people, sessions, sync
from desktop_app.store.database import passphrase_unlocker
from tests.conftest import PASSPHRASE
from tests.store.kill_steps import kill_at_each_step
from tests.sync.laptops import records

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")


class Scene:
    """Two laptops and a shared folder, saved once and put back before each killed run (in the
    same places, so that each laptop stays the laptop it was)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.coordinator = tmp / "coordinator" / "G.peerlog"
        self.lead = tmp / "lead" / "G.peerlog"
        self.folder = tmp / "shared"
        self.saved = tmp / "saved"
        self.registry = app_dirs.config_dir()

    def build(self) -> None:
        self.folder.mkdir()
        db = databases.create_database(self.coordinator, "G", PASSPHRASE).database
        amara = people.add_person(db, Person("Amara K."))
        sync.sync_now(db, folder=self.folder)
        backup = self.tmp / "b.peerlog-backup"
        db.backup_to(backup)
        databases.restore_database(backup, self.lead, passphrase_unlocker(PASSPHRASE))
        lead = databases.open_database(self.lead, PASSPHRASE)
        sync.sync_now(lead, folder=self.folder)
        lead.close()
        # what the killed syncs carry: new people, a session, an edit
        ben = people.add_person(db, Person("Ben T."))
        sessions.log_session(
            db, Session(date(2026, 11, 20), "group", attendee_ids=(amara.id, ben.id))
        )
        people.update_person(db, dataclasses.replace(amara, notes="Moved to evenings"))
        db.close()
        for place in (self.coordinator.parent, self.lead.parent, self.folder, self.registry):
            shutil.copytree(place, self.saved / place.name)

    def put_back(self) -> None:
        for place in (self.coordinator.parent, self.lead.parent, self.folder, self.registry):
            shutil.rmtree(place)
            shutil.copytree(self.saved / place.name, place)

    def sync(self, path: Path) -> None:
        db = databases.open_database(path, PASSPHRASE)
        try:
            sync.sync_now(db, folder=self.folder)
        finally:
            db.close()

    def same_records(self) -> bool:
        found = []
        for path in (self.coordinator, self.lead):
            db = databases.open_database(path, PASSPHRASE)
            try:
                found.append(records(db))
            finally:
                db.close()
        return found[0] == found[1] and any(found[0].values())


@pytest.fixture
def scene(tmp_path: Path) -> Scene:
    made = Scene(tmp_path)
    made.build()
    return made


@pytest.mark.slow
def test_the_sending_laptop_killed_at_each_step(scene: Scene) -> None:
    def after_each(n: int, finished: bool) -> None:
        scene.sync(scene.coordinator)  # the next sync finishes what was cut short
        scene.sync(scene.lead)
        assert scene.same_records(), f"killed at step {n}, the laptops differ"
        scene.put_back()

    runs = kill_at_each_step(lambda: scene.sync(scene.coordinator), after_each)
    print(f"sending sync killed at {runs - 1} points")
    assert runs > 5, "the sync should have been killed at several points"


@pytest.mark.slow
def test_the_receiving_laptop_killed_at_each_step(scene: Scene) -> None:
    scene.sync(scene.coordinator)
    shutil.rmtree(scene.saved)
    scene.saved.mkdir()
    for place in (scene.coordinator.parent, scene.lead.parent, scene.folder, scene.registry):
        shutil.copytree(place, scene.saved / place.name)

    def after_each(n: int, finished: bool) -> None:
        scene.sync(scene.lead)
        assert scene.same_records(), f"killed at step {n}, the laptops differ"
        scene.put_back()

    runs = kill_at_each_step(lambda: scene.sync(scene.lead), after_each)
    print(f"receiving sync killed at {runs - 1} points")
    assert runs > 5
