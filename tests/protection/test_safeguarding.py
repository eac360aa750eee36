"""The safeguarding log through its services, on a real encrypted database: who sees what (a
coordinator every concern, a peer support lead the ones they raised), resolving, the audit
trail, subject access, erasure and the counts in returns."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.listing import Page
from desktop_app.domain.people import Person
from desktop_app.domain.protection.users import User
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.safeguarding import Concern, ConcernAction
from desktop_app.services import home, people, safeguarding
from desktop_app.services.databases import open_database
from desktop_app.services.protection import audit, erasure, subject_access
from desktop_app.services.returns.build import build_return
from desktop_app.services.story import person_story
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound
from tests.conftest import PASSPHRASE
from tests.protection.conftest import LEAD_PASSPHRASE, Records
from tests.protection.test_subject_access import _pdf_text

RAISED = date(2024, 6, 3)  # the day of the records' session


def about_amara(records: Records, **fields: object) -> Concern:
    concern = Concern(
        RAISED,
        "self_harm",
        "Amara K. said she had thought about ending her life",
        person_id=records.person.id,
        session_id=records.session.id,
        passed_to="Our safeguarding lead",
    )
    return replace(concern, **fields)  # type: ignore[arg-type]


def as_user(db: Database, passphrase: str) -> Database:
    folder = db.folder
    db.close()
    return open_database(folder, passphrase)


def test_a_lead_sees_and_changes_only_the_concerns_they_raised(
    db: Database, records: Records, lead: User
) -> None:
    coordinators = safeguarding.raise_concern(db, about_amara(records)).concern
    lead_db = as_user(db, LEAD_PASSPHRASE)
    try:
        forged = replace(about_amara(records, kind="financial"), raised_by="someone else")
        own = safeguarding.raise_concern(lead_db, forged).concern
        assert own.raised_by == lead.id  # who raised it is whoever is signed in
        assert [r.concern.id for r in safeguarding.list_concerns(lead_db).rows] == [own.id]
        for read in (
            lambda: safeguarding.get_concern(lead_db, coordinators.id),
            lambda: safeguarding.update_concern(lead_db, replace(coordinators, passed_to="x")),
            lambda: safeguarding.mark_resolved(lead_db, coordinators),
        ):
            with pytest.raises(RecordNotFound, match="only a coordinator"):
                read()
        assert [c.concern.id for c in home.attention(lead_db).open_concerns] == [own.id]
        story = {g.title: g for g in person_story(lead_db, records.person.id)}
        assert [line.record_id for line in story["Safeguarding concerns"].lines] == [own.id]
        changed = safeguarding.update_concern(lead_db, replace(own, passed_to="Police"))
        assert changed.concern.passed_to == "Police" and changed.raised_by_name == "Sam Lead"
    finally:
        lead_db.close()
    coordinator_db = as_user(lead_db, PASSPHRASE)
    try:
        everything = safeguarding.list_concerns(coordinator_db).rows
        assert {r.concern.id for r in everything} == {coordinators.id, own.id}
        passed = safeguarding.update_concern(coordinator_db, replace(own, passed_to="GP"))
        assert passed.concern.raised_by == lead.id  # a coordinator's change keeps who raised it
    finally:
        coordinator_db.close()


def test_actions_are_kept_and_resolving_records_who_and_when(
    db: Database, records: Records
) -> None:
    rang = ConcernAction(RAISED, "Rang the safeguarding lead", "Jo F.")
    raised = safeguarding.raise_concern(db, about_amara(records, actions=(rang,))).concern
    assert safeguarding.list_concerns(db, open_only=True).total == 1
    later = ConcernAction(date(2024, 6, 5), "Checked in by phone")
    with_two = safeguarding.update_concern(db, replace(raised, actions=(*raised.actions, later)))
    assert [a.what for a in with_two.concern.actions] == [rang.what, later.what]
    assert with_two.concern.actions[0].id == rang.id  # the same action, not a copy
    with pytest.raises(ValidationFailed) as refused:
        safeguarding.mark_resolved(db, with_two.concern, on=date(2024, 6, 1))
    assert "before the date raised" in refused.value.messages_for("resolved_on")[0]
    resolved = safeguarding.mark_resolved(db, with_two.concern, on=date(2024, 6, 6)).concern
    assert resolved.resolved_on == date(2024, 6, 6)
    assert resolved.resolved_by == db.unlocked_by.user_id
    assert safeguarding.list_concerns(db, open_only=True).total == 0
    assert home.attention(db).open_concerns == []
    listed = audit.list_entries(db, page=Page(limit=1000)).rows
    entries = [(e.action, e.record_kind, e.record_id) for e in listed]
    kind = "safeguarding concern"
    for action in ("create", "change", "resolve"):
        assert (action, kind, raised.id) in entries
    new_kinds_only = replace(about_amara(records), kind="not_recorded")
    with pytest.raises(ValidationFailed):
        safeguarding.raise_concern(db, new_kinds_only)


def test_subject_access_has_their_concerns_and_no_one_elses(
    db: Database, records: Records, tmp_path: Path
) -> None:
    """Concerns about the person, with what was done, the session named only by its date; a
    concern about the session (or about another attendee) is not theirs to see."""
    rang = ConcernAction(RAISED, "Rang the safeguarding lead", "Jo F.")
    safeguarding.raise_concern(db, about_amara(records, actions=(rang,)))
    about_ben = Concern(
        RAISED, "domestic", "Ben T. arrived with bruises", person_id=records.other.id
    )
    safeguarding.raise_concern(db, replace(about_ben, session_id=records.session.id))
    safeguarding.raise_concern(
        db, Concern(RAISED, "organisational", "Ben T. shouted", session_id=records.session.id)
    )
    files = subject_access.export_subject_access(db, records.person.id, tmp_path / "out")
    text = files.json_file.read_text(encoding="utf-8")
    (held,) = json.loads(text)["safeguarding_concerns"]
    assert held["kind_of_concern"] == "self_harm"
    assert held["at_the_session_on"] == "2024-06-03"
    assert held["what_happened"].startswith("Amara K. said")
    assert held["actions"] == [
        {"taken_on": "2024-06-03", "what": "Rang the safeguarding lead", "by_whom": "Jo F."}
    ]
    assert "Ben T." not in text and "bruises" not in text and "shouted" not in text
    pdf = _pdf_text(files.pdf_file)
    for words in ("Safeguarding concerns about you", "Self-harm or suicide risk", "Jo F."):
        assert words in pdf
    assert "Ben T." not in pdf and "bruises" not in pdf


def test_erasure_removes_the_persons_concerns_and_keeps_the_sessions(
    db: Database, records: Records
) -> None:
    rang = ConcernAction(RAISED, "Rang the lead")
    theirs = safeguarding.raise_concern(db, about_amara(records, actions=(rang,))).concern
    sessions_own = safeguarding.raise_concern(
        db, Concern(RAISED, "organisational", "Room left unlocked", session_id=records.session.id)
    ).concern
    erasure.erase_person(db, records.person.id)
    assert [r.concern.id for r in safeguarding.list_concerns(db).rows] == [sessions_own.id]
    with pytest.raises(RecordNotFound):
        safeguarding.get_concern(db, theirs.id)
    conn = db.connection()
    assert conn.execute("SELECT COUNT(*) FROM safeguarding_actions").fetchone()[0] == 0


def test_returns_count_concerns_raised_and_resolved_and_never_their_words(
    db: Database, records: Records
) -> None:
    for day in range(1, 7):
        person = people.add_person(db, Person(f"Person {day}"))
        concern = Concern(date(2024, 6, day), "neglect", f"Secret detail {day}", person.id)
        resolved = date(2024, 7, 1) if day <= 5 else None
        safeguarding.raise_concern(db, replace(concern, resolved_on=resolved))
    before = Concern(date(2024, 3, 1), "neglect", "Old one", records.person.id)
    safeguarding.raise_concern(db, before)  # before the period: not counted
    period = Period.financial_year(2024)
    exact = build_return(db, period, "Alliance return", exact=True)
    section = next(s for s in exact.sections if s.code == "safeguarding")
    assert {f.code: f.value for f in section.figures} == {"concerns": 6, "resolved": 5}
    protected = build_return(db, Period(date(2024, 6, 1), date(2024, 6, 2)), "Alliance return")
    section = next(s for s in protected.sections if s.code == "safeguarding")
    assert {f.code: f.value for f in section.figures} == {"concerns": None, "resolved": 0}
    assert "Secret detail" not in repr(exact) + repr(protected)
