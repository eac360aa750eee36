"""Referrals through the services: saved, moved on, closed, listed, overdue; a new person made
from a referral in one step; every write in the audit trail; erasure removes them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.referrals.pipeline import Stage
from desktop_app.services import people
from desktop_app.services.protection import erasure
from desktop_app.services.referrals import records as referrals
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.protection import audit_repo
from tests.referrals.conftest import attend, referral_for

RECEIVED = date(2026, 4, 2)  # the Thursday before Easter


def test_a_referral_moves_through_the_pipeline(db: Database, amara: Person) -> None:
    saved = referrals.add_referral(db, referral_for(amara.id, RECEIVED))
    assert (saved.person_name, saved.progress.stage) == ("Amara K.", Stage.RECEIVED)
    row = referrals.move_on(db, saved.progress.referral.id, date(2026, 4, 7))
    assert row.progress.stage is Stage.CONTACT_ATTEMPTED
    row = referrals.move_on(db, saved.progress.referral.id, date(2026, 4, 8))
    assert row.progress.referral.contacted_on == date(2026, 4, 8)
    with pytest.raises(ValidationFailed, match="come from attendance"):
        referrals.move_on(db, saved.progress.referral.id)
    attend(db, amara.id, date(2026, 3, 1), date(2026, 4, 9), date(2026, 4, 16), date(2026, 4, 23))
    row = referrals.get_referral(db, saved.progress.referral.id)
    assert (row.progress.stage, row.progress.first_session_on, row.progress.engaged_on) == (
        Stage.ENGAGED,
        date(2026, 4, 9),
        date(2026, 4, 23),
    )
    row = referrals.close_referral(db, saved.progress.referral.id, "completed", date(2026, 6, 1))
    assert row.progress.stage is Stage.CLOSED
    assert referrals.list_referrals(db).total == 0
    assert referrals.list_referrals(db, open_only=False).total == 1
    kinds = [(e.action, e.record_kind) for e in audit_repo.all_entries(db.connection())]
    assert kinds.count(("change", "referral")) == 3 and ("create", "referral") in kinds


def test_a_new_person_made_from_a_referral_in_one_step(db: Database) -> None:
    row = referrals.add_referral(db, referral_for("", RECEIVED), new_person_name="  Ben  T. ")
    person = people.get_person(db, row.progress.referral.person_id)
    assert (person.known_as, person.referral_source) == ("Ben T.", "social_prescribing")
    assert row.person_ref == person.ref
    # A bad referral adds nobody.
    with pytest.raises(ValidationFailed) as failed:
        referrals.add_referral(
            db, referral_for("", RECEIVED, source_kind="nobody"), new_person_name="Chidi O."
        )
    assert failed.value.messages_for("source_kind")
    assert people.find_people(db, "Chidi") == []


def test_the_inbox_puts_the_longest_waiting_first_and_knows_who_is_overdue(
    db: Database, amara: Person
) -> None:
    ben = people.add_person(db, Person("Ben T."))
    answered = referrals.add_referral(
        db, referral_for(amara.id, date(2026, 3, 2), contact_attempted_on=date(2026, 3, 3))
    )
    late = referrals.add_referral(db, referral_for(ben.id, RECEIVED))
    recent = referrals.add_referral(db, referral_for(amara.id, date(2026, 4, 10)))
    inbox = [r.progress.referral.id for r in referrals.list_referrals(db).rows]
    ids = [r.progress.referral.id for r in (late, recent, answered)]
    assert inbox == ids
    # On Tuesday 14 April 2026 the one received on 2 April has waited 6 working days.
    overdue = referrals.overdue_referrals(db, date(2026, 4, 14))
    assert [r.progress.referral.id for r in overdue] == [late.progress.referral.id]
    referrals.set_overdue_working_days(db, 6)
    assert referrals.overdue_referrals(db, date(2026, 4, 14)) == []
    with pytest.raises(ValidationFailed, match="from 1 to 60"):
        referrals.set_overdue_working_days(db, 0)


def test_closing_needs_a_reason_from_the_list(db: Database, amara: Person) -> None:
    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED))
    with pytest.raises(ValidationFailed, match="reason for closing"):
        referrals.close_referral(db, row.progress.referral.id, "bored", date(2026, 4, 3))
    assert referrals.get_referral(db, row.progress.referral.id).progress.stage is Stage.RECEIVED


def test_erasure_removes_referrals_and_feedback_notes(db: Database, amara: Person) -> None:
    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED, notes="Lives alone"))
    changed = replace(row.progress.referral, consent_to_feedback=True)
    referrals.update_referral(db, changed)
    conn = db.connection()
    from desktop_app.domain.referrals.feedback import FeedbackNote
    from desktop_app.store.records import referrals_repo

    with db.transaction() as write:
        referrals_repo.insert_feedback(write, FeedbackNote(changed.id, date(2026, 5, 1)), "now")
    erasure.erase_person(db, amara.id)
    assert conn.execute("SELECT COUNT(*) FROM referrals").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM referral_feedback").fetchone()[0] == 0
    with pytest.raises(RecordNotFound):
        referrals.get_referral(db, changed.id)


def test_a_deleted_referral_can_be_put_back(db: Database, amara: Person) -> None:
    from desktop_app.services import recently_deleted

    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED))
    referrals.delete_referral(db, row.progress.referral.id)
    assert referrals.list_referrals(db).total == 0
    (kept,) = recently_deleted.recently_deleted(db)
    assert kept.what == "Referral: received 2 April 2026"
    recently_deleted.put_back(db, kept.id)
    assert referrals.get_referral(db, row.progress.referral.id).progress == row.progress


def test_anonymising_clears_what_was_written_about_them(db: Database, amara: Person) -> None:
    from desktop_app.domain.referrals.feedback import FeedbackNote
    from desktop_app.store.records import referrals_repo

    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED, notes="Lives alone at 4"))
    note = FeedbackNote(row.progress.referral.id, date(2026, 5, 1), 2, "Group", "Sleeps better")
    with db.transaction() as write:
        referrals_repo.insert_feedback(write, note, "now")
    erasure.anonymise_people(db, [amara.id], today=date(2033, 1, 1))
    kept = referrals.get_referral(db, row.progress.referral.id).progress.referral
    assert (kept.notes, kept.source_kind, kept.received_on) == ("", "social_prescribing", RECEIVED)
    (after,) = referrals_repo.feedback_notes(db.connection(), kept.id)
    assert (after.support, after.what_changed, after.sessions_attended) == ("", "", 2)
