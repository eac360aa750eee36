"""Undoing a deletion: what is kept, putting it back as it was, refusals, time limits, and
erasure removing every kept copy that names the person."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.domain.audit import AuditEntry, AuditFilter
from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.listing import Page
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import (
    case_studies,
    outcomes,
    people,
    recently_deleted,
    sessions,
    volunteers,
)
from desktop_app.services.protection import audit, erasure, subject_access
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError

DAY = date(2026, 11, 3)


def _session(db: Database) -> tuple[Session, Person, Person, Volunteer]:
    ada = people.add_person(db, Person(known_as="Ada"))
    ben = people.add_person(db, Person(known_as="Ben"))
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin"))
    logged = sessions.log_session(
        db,
        Session(
            held_on=DAY,
            kind="group",
            venue="Riverside Hall",
            attendee_ids=(ada.id, ben.id),
            facilitator_ids=(robin.id,),
            notes="Talked about sleep.",
        ),
        facilitator_hours=1.5,
    )
    return logged.session, ada, ben, robin


def test_a_deleted_session_comes_back_whole(db: Database) -> None:
    session, _ada, _ben, robin = _session(db)
    before = sessions.get_session(db, session.id)
    hours_before = volunteers.list_hours(db, robin.id).rows
    sessions.delete_session(db, session.id)
    with pytest.raises(StoreError):
        sessions.get_session(db, session.id)
    assert volunteers.list_hours(db, robin.id).rows == []  # its hours went with it

    (kept,) = recently_deleted.recently_deleted(db)
    assert kept.what == "Session: 3 November 2026, Group peer support at Riverside Hall (2 came)"
    assert kept.days_left == recently_deleted.KEEP_DAYS
    assert recently_deleted.put_back(db, kept.id) == "session"

    assert sessions.get_session(db, session.id) == before
    assert volunteers.list_hours(db, robin.id).rows == hours_before
    assert recently_deleted.recently_deleted(db) == []
    actions = [(e.action, e.record_kind, e.record_id) for e in _audit(db)[-2:]]
    assert actions == [("delete", "session", session.id), ("create", "session", session.id)]


def test_forms_hours_volunteers_and_stories_come_back(db: Database) -> None:
    ada = people.add_person(db, Person(known_as="Ada"))
    form = outcomes.record_outcome(db, ada.id, "UCLA3", "baseline", DAY, [2, 2, 3])
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin"))
    hours = volunteers.record_hours(db, VolunteerHours.of_hours(robin.id, DAY, "2.5", "training"))
    story = case_studies.add_case_study(db, CaseStudy(ada.id, DAY, "Finding the group"))
    sam = volunteers.add_volunteer(db, Volunteer(name="Sam Mistake"))
    outcomes.delete_outcome(db, form.id)
    volunteers.delete_hours(db, hours.id)
    case_studies.delete_case_study(db, story.id)
    volunteers.delete_volunteer(db, sam.id)
    kept = recently_deleted.recently_deleted(db)
    assert [k.kind for k in kept] == ["volunteer", "case study", "volunteer hours", "outcome"]
    assert kept[1].what == "Case study: Finding the group"
    for entry in kept:
        recently_deleted.put_back(db, entry.id)
    assert outcomes.person_outcomes(db, ada.id) == [form]
    assert [h.id for h in volunteers.list_hours(db, robin.id).rows] == [hours.id]
    assert case_studies.get_case_study(db, story.id).title == "Finding the group"
    assert volunteers.get_volunteer(db, sam.id).name == "Sam Mistake"


def test_erasing_a_person_removes_their_deleted_forms_too(db: Database) -> None:
    ada = people.add_person(db, Person(known_as="Ada"))
    form = outcomes.record_outcome(db, ada.id, "UCLA3", "baseline", DAY, [2, 2, 3])
    outcomes.delete_outcome(db, form.id)
    erasure.erase_person(db, ada.id)
    assert recently_deleted.recently_deleted(db) == []  # erasure took the kept copy too


def test_putting_back_what_refers_to_a_record_gone_since_is_refused(db: Database) -> None:
    sam = volunteers.add_volunteer(db, Volunteer(name="Sam"))
    hours = volunteers.record_hours(db, VolunteerHours.of_hours(sam.id, DAY, "2", "training"))
    volunteers.delete_hours(db, hours.id)
    volunteers.delete_volunteer(db, sam.id)  # possible now that no hours are left
    kept = recently_deleted.recently_deleted(db)
    hours_entry = next(k for k in kept if k.kind == "volunteer hours")
    with pytest.raises(StoreError, match="has been deleted or erased since"):
        recently_deleted.put_back(db, hours_entry.id)
    assert volunteers.list_hours(db).rows == []  # nothing half put back
    assert len(recently_deleted.recently_deleted(db)) == 2  # still there to try later
    recently_deleted.put_back(db, next(k for k in kept if k.kind == "volunteer").id)
    recently_deleted.put_back(db, hours_entry.id)  # the volunteer first, then their hours
    assert [h.id for h in volunteers.list_hours(db, sam.id).rows] == [hours.id]


def test_erasure_removes_kept_sessions_naming_the_person_and_nothing_else(db: Database) -> None:
    session, ada, _ben, _robin = _session(db)
    other = people.add_person(db, Person(known_as="Cy"))
    lone = sessions.log_session(
        db, Session(held_on=DAY, kind="one_to_one", attendee_ids=(other.id,))
    ).session
    sessions.delete_session(db, session.id)
    sessions.delete_session(db, lone.id)
    assert len(recently_deleted.recently_deleted(db)) == 2
    held = subject_access.collect(db, ada.id)
    assert [d["what"] for d in held["recently_deleted"]] == [
        "Session: 3 November 2026, Group peer support at Riverside Hall (2 came)"
    ]
    assert all(r["person_id"] for d in held["recently_deleted"] for r in d["rows_about_you"])
    erasure.erase_person(db, ada.id)
    (left,) = recently_deleted.recently_deleted(db)
    assert "One-to-one" in left.what
    raw = db.connection().execute("SELECT group_concat(rows) FROM recently_deleted").fetchone()
    assert "Talked about sleep" not in str(raw[0])


def test_a_record_already_back_or_past_its_time_is_not_offered(db: Database) -> None:
    session, *_ = _session(db)
    sessions.delete_session(db, session.id)
    (kept,) = recently_deleted.recently_deleted(db)
    later = datetime.now(UTC) + timedelta(days=recently_deleted.KEEP_DAYS + 1)
    assert recently_deleted.recently_deleted(db, now=later) == []
    recently_deleted.put_back(db, kept.id)
    with pytest.raises(StoreError):
        recently_deleted.put_back(db, kept.id)


def _audit(db: Database) -> list[AuditEntry]:
    return list(reversed(audit.list_entries(db, AuditFilter(), Page(limit=1000)).rows))


def test_what_the_window_says_about_undoing_matches_how_long_copies_are_kept() -> None:
    from desktop_app.ui.common.messages import UNDO

    assert f"for {recently_deleted.KEEP_DAYS} days" in UNDO
