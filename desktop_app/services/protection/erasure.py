"""Erasing and anonymising people (coordinators only).

"Erase this person" removes the person and everything linked to them. Their attendances become
part of each session's anonymous headcount, so session totals stay true. The audit trail records
that an erasure happened, not who was erased. Afterwards the freed space is purged so that their
name, reference and notes are in no file: not the database, not its write-ahead log, and not any
backup made from then on (older backups still hold them until they are rotated away). Copies
of deleted records kept to put back (Recently deleted) that name them are removed too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from desktop_app.domain.audit import Action
from desktop_app.domain.roles import Permission
from desktop_app.services.access import change
from desktop_app.services.recently_deleted import forget_person
from desktop_app.store.database import Database, utc_now
from desktop_app.store.protection import erasure_repo

log = logging.getLogger(__name__)


def erase_person(db: Database, person_id: str) -> None:
    erase_people(db, [person_id])


def erase_people(db: Database, person_ids: Sequence[str]) -> int:
    """Erase everyone given, in one step; how many were erased."""
    with change(db, Permission.ERASE) as work:
        for person_id in person_ids:
            forget_person(work, person_id)  # no deleted copy of anything naming them stays
            erasure_repo.erase_person(work.conn, person_id)
            work.record_unnamed(Action.ERASURE, "person")
    db.save_point()  # also empties the write-ahead log of the erased pages
    log.info("Erased %d people", len(person_ids))
    return len(person_ids)


def anonymise_people(db: Database, person_ids: Sequence[str], today: date | None = None) -> int:
    """Anonymise everyone given, in one step; how many were anonymised."""
    day = today or date.today()
    with change(db, Permission.ERASE) as work:
        now = utc_now()
        for person_id in person_ids:
            forget_person(work, person_id)
            erasure_repo.anonymise_person(work.conn, person_id, day, now)
            work.record(Action.ANONYMISE, "person", person_id)
    db.save_point()  # also empties the write-ahead log of the erased pages
    log.info("Anonymised %d people", len(person_ids))
    return len(person_ids)
