"""Three laptops make random changes through the real services and exchange batches in random
causal orders, some twice: in the end every laptop holds the same records, and no erased person
is anywhere."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.people import Consent, ConsentPart, Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.sync.changes import ChangeBatch
from desktop_app.services import people, sessions
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.protection.consent import withdraw_consent
from desktop_app.services.protection.erasure import erase_person
from desktop_app.services.recently_deleted import put_back, recently_deleted
from desktop_app.store.errors import StoreError
from desktop_app.store.sync.capture import forget_pending
from desktop_app.store.sync.history import erased_subjects
from tests.conftest import PASSPHRASE
from tests.sync.laptops import Laptop, close, dump

NAMES = "abc"
DAY = date(2026, 11, 2)
PARTS: tuple[ConsentPart, ...] = ("keep_data", "be_contacted", "share_story")

ACTIONS = (
    "add",
    "add with consent",
    "withdraw",
    "notes",
    "year",
    "erase",
    "log",
    "tick",
    "session notes",
    "delete session",
    "put back",
    "send",
    "deliver",
    "deliver",
    "deliver",
    "again",
)
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 2), st.integers(0, 50), st.integers(0, 50)),
    min_size=5,
    max_size=40,
)


def _template() -> Path:
    """One database with a few people and a session, made once; each example copies it."""
    folder = Path(tempfile.mkdtemp(prefix="peerlog-sync-template-")) / "t.peerlog"
    db = create_database(folder, "Test Group", PASSPHRASE).database
    regulars = [people.add_person(db, Person(name)) for name in ("Amara K.", "Ben T.")]
    sessions.log_session(
        db, Session(DAY, "drop_in", attendee_ids=(regulars[0].id,), anonymous_headcount=1)
    )
    with db.transaction() as conn:
        forget_pending(conn)
    db.close()
    return folder


TEMPLATE = _template()


class World:
    def __init__(self, folder: Path) -> None:
        self.laptops = []
        for name in NAMES:
            shutil.copytree(TEMPLATE, folder / f"{name}.peerlog")
            db = open_database(folder / f"{name}.peerlog", PASSPHRASE)
            self.laptops.append(Laptop(name, db))
        self.sent: list[ChangeBatch] = []

    def uuids(self, laptop: Laptop, table: str) -> list[str]:
        rows = laptop.conn().execute(f"SELECT uuid FROM {table} ORDER BY uuid")
        return [str(r[0]) for r in rows]

    def act(self, action: str, who: int, x: int, y: int) -> None:
        laptop = self.laptops[who]
        db = laptop.db
        everyone = self.uuids(laptop, "people")
        held = self.uuids(laptop, "sessions")
        person = everyone[x % len(everyone)] if everyone else None
        session = held[x % len(held)] if held else None
        laptop.now += 1 + y * 7  # clocks drift apart
        if action == "add":
            people.add_person(db, Person(f"Person {x}"))
        elif action == "add with consent":
            agreed = Consent(DAY, "written", keep_data=True, be_contacted=True, share_story=True)
            people.add_person(db, Person(f"Person {x}", consent=agreed))
        elif action == "withdraw" and person:
            withdraw_consent(db, person, PARTS[y % len(PARTS)], DAY)
        elif action in ("notes", "year") and person:
            got = people.get_person(db, person)
            if action == "notes":
                got = replace(got, notes=f"note {y % 3}")
            else:
                got = replace(got, year_of_birth=1950 + y)
            people.update_person(db, got)
        elif action == "erase" and person:
            erase_person(db, person)
        elif action == "log":
            chosen = tuple(everyone[i % len(everyone)] for i in {x, y}) if everyone else ()
            sessions.log_session(
                db, Session(DAY, "drop_in", attendee_ids=chosen, anonymous_headcount=1)
            )
        elif action == "tick" and session and person:
            got = sessions.get_session(db, session)
            ticked = set(got.attendee_ids) ^ {person}
            sessions.update_session(db, replace(got, attendee_ids=tuple(sorted(ticked))))
        elif action == "session notes" and session:
            got = sessions.get_session(db, session)
            sessions.update_session(db, replace(got, notes=f"session note {y % 3}"))
        elif action == "delete session" and session:
            sessions.delete_session(db, session)
        elif action == "put back":
            kept = recently_deleted(db)
            if kept:
                put_back(db, kept[x % len(kept)].id)
        elif action == "send":
            self.sent.append(laptop.send())
        elif action in ("deliver", "again"):
            self.deliver(laptop, x, again=action == "again")

    def deliverable(self, laptop: Laptop, batch: ChangeBatch) -> bool:
        if batch.laptop == laptop.id or batch.sequence != laptop.seen.get(batch.laptop, 0) + 1:
            return False
        return all(
            laptop.seen.get(other, 0) >= seq
            for other, seq in batch.seen.items()
            if other != batch.laptop
        )

    def deliver(self, laptop: Laptop, pick: int, again: bool = False) -> bool:
        if again:  # a batch already applied, once more
            done = [
                b
                for b in self.sent
                if b.laptop != laptop.id and b.sequence <= laptop.seen.get(b.laptop, 0)
            ]
            if done:
                laptop.receive(done[pick % len(done)])
            return bool(done)
        ready = [b for b in self.sent if self.deliverable(laptop, b)]
        if ready:
            laptop.receive(ready[pick % len(ready)])
        return bool(ready)

    def settle(self) -> None:
        """Everyone sends and receives everything, until nothing is left to send."""
        for round in range(6):
            fresh = [laptop.send() for laptop in self.laptops]
            self.sent += fresh
            # applying may note changes of this laptop's own (a headcount, a reference shared
            # out): done only when a round after everything was applied has nothing to send
            if round > 0 and not any(b.changes for b in fresh):
                return
            for laptop in self.laptops:
                while self.deliver(laptop, 0):
                    pass
        raise AssertionError("the laptops kept sending changes")


@settings(
    max_examples=int(os.environ.get("PEERLOG_SYNC_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(steps)
def test_laptops_end_the_same_whatever_the_order(plan: list[tuple[str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        world = World(Path(folder))
        try:
            for step in plan:
                # refused as the window would refuse it (put back after an erasure)
                with contextlib.suppress(StoreError):
                    world.act(*step)
            world.settle()
            a, b, c = (dump(laptop.db) for laptop in world.laptops)
            assert a == b == c
            erased = set().union(*(erased_subjects(m.conn()) for m in world.laptops))
            assert all(p not in repr(a) for p in erased)
        finally:
            close(world.laptops)
