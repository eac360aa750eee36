"""Subject access: everything linked to a person, as JSON and a readable PDF. The schema walk
here is the test's own (sqlite_master and PRAGMA foreign_key_list), not the exporter's."""

from __future__ import annotations

import base64
import json
import re
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.drafts import DraftKind
from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.safeguarding import Concern, ConcernAction
from desktop_app.domain.sessions import OnwardReferral
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import (
    case_studies,
    drafts,
    outcomes,
    people,
    safeguarding,
    sessions,
    volunteers,
)
from desktop_app.services.access import NotAllowed
from desktop_app.services.protection import consent, subject_access
from desktop_app.services.referrals import feedback
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import Database
from desktop_app.store.protection import audit_repo
from tests.protection.conftest import Records


def tables_referring_to_people(db: Database) -> set[str]:
    conn = db.connection()
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        name
        for name in names
        for fk in conn.execute(f'PRAGMA foreign_key_list("{name}")')
        if fk[2] == "people"
    }


def _pdf_text(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        for decode in (
            zlib.decompress,
            lambda b: zlib.decompress(base64.a85decode(b.strip(), adobe=True)),
        ):
            try:
                chunks.append(decode(stream).decode("latin-1"))
                break
            except (zlib.error, ValueError):
                continue
    return "".join(chunks)


@pytest.fixture
def full_records(db: Database, records: Records, tmp_path: Path) -> Records:
    case_studies.add_case_study(
        db, CaseStudy(records.person.id, date(2024, 7, 1), "My year", "It helped.", True)
    )
    consent.withdraw_consent(db, records.person.id, "be_contacted", date(2024, 8, 1))
    session = sessions.get_session(db, records.session.id)
    referral = OnwardReferral("Citizens Advice", records.person.id)
    sessions.update_session(db, replace(session, onward_referrals=(referral,)))
    outcomes.record_outcome(
        db, records.person.id, "ONS4", Stage.BASELINE, date(2024, 6, 3), [6, 7, 5, 3]
    )
    referral = Referral(records.person.id, date(2024, 4, 20), "gp_practice", "Riverside Surgery")
    row = referrals.add_referral(db, replace(referral, consent_to_feedback=True))
    note = feedback.new_note(db, row.progress.referral.id)
    feedback.write_feedback(db, replace(note, what_changed="Made friends"), tmp_path / "n.pdf")
    rang = ConcernAction(date(2024, 6, 4), "Rang the safeguarding lead")
    concern = Concern(date(2024, 6, 3), "self_neglect", "Not eating", records.person.id)
    safeguarding.raise_concern(db, replace(concern, actions=(rang,)))
    return records


def test_every_table_that_refers_to_people_is_in_the_export(
    db: Database, full_records: Records
) -> None:
    referring = tables_referring_to_people(db)
    expected = {"attendances", "consents", "case_studies", "onward_referrals", "outcome_records"}
    expected |= {"referrals", "safeguarding_concerns"}
    assert expected <= referring
    data = subject_access.collect(db, full_records.person.id)
    missing = referring - set(data["linked_records"])
    assert missing == set(), f"tables referring to people missing from the export: {missing}"
    for table in referring:
        assert data["linked_records"][table], f"{table} should hold rows for this person"


def test_a_table_added_later_is_exported_without_changes(
    db: Database, full_records: Records
) -> None:
    """As the outcomes tables will be: a table referring to people, and one referring to it."""
    with db.transaction() as conn:
        conn.execute(
            "CREATE TABLE assessments (id INTEGER PRIMARY KEY, uuid TEXT, person_id INTEGER "
            "REFERENCES people(id) ON DELETE CASCADE, taken_on TEXT)"
        )
        conn.execute(
            "CREATE TABLE scores (assessment_id INTEGER REFERENCES assessments(id), item TEXT, "
            "score INTEGER)"
        )
        key = conn.execute(
            "SELECT id FROM people WHERE uuid = ?", (full_records.person.id,)
        ).fetchone()[0]
        conn.execute("INSERT INTO assessments VALUES (7, 'a-7', ?, '2024-09-01')", (key,))
        conn.execute("INSERT INTO assessments VALUES (8, 'a-8', ?, '2024-09-01')", (key + 1,))
        conn.execute("INSERT INTO scores VALUES (7, 'optimistic', 4), (8, 'useful', 2)")
    linked = subject_access.collect(db, full_records.person.id)["linked_records"]
    assert [r["uuid"] for r in linked["assessments"]] == ["a-7"]
    assert linked["scores"] == [{"assessment_id": 7, "item": "optimistic", "score": 4}]


def test_the_export_reads_well_and_holds_no_one_else(
    db: Database, full_records: Records, tmp_path: Path
) -> None:
    volunteer = volunteers.add_volunteer(db, Volunteer("Amara K."))
    volunteers.record_hours(
        db, VolunteerHours.of_hours(volunteer.id, date(2024, 9, 2), 2.5, "Tea rota")
    )
    assert subject_access.matching_volunteers(db, full_records.person.id) == [
        (volunteer.id, "Amara K.")
    ]
    files = subject_access.export_subject_access(
        db, full_records.person.id, tmp_path / "out", (volunteer.id,)
    )
    data = json.loads(files.json_file.read_text(encoding="utf-8"))
    assert data["profile"]["known_as"] == "Amara K." and data["profile"]["notes"]
    assert [c["be_contacted_withdrawn_on"] for c in data["consent_history"]] == ["2024-08-01"]
    assert [a["held_on"] for a in data["attendances"]] == ["2024-06-03"]
    assert [c["title"] for c in data["case_studies"]] == ["My year"]
    assert [r["destination"] for r in data["onward_referrals"]] == ["Citizens Advice"]
    assert [o["measure_code"] for o in data["linked_records"]["outcome_records"]] == ["ONS4"]
    assert [(o["measure_code"], o["stage"]) for o in data["outcomes"]] == [("ONS4", "baseline")]
    assert [h["activity"] for h in data["volunteering"][0]["hours"]] == ["Tea rota"]
    assert [(r["organisation"], r["stage"]) for r in data["referrals_received"]] == [
        ("Riverside Surgery", "First session")
    ]
    assert [n["what_changed"] for n in data["feedback_notes"]] == ["Made friends"]
    assert [n["what_changed"] for n in data["linked_records"]["referral_feedback"]] == [
        "Made friends"
    ]
    about = {(e["action"], e["record_kind"]) for e in data["audit_entries"]}
    assert {("create", "person"), ("consent withdrawn", "consent"), ("create", "case study")} <= (
        about
    )
    assert ("create", "volunteer hours") in about
    assert {("create", "referral"), ("export", "feedback note")} <= about
    assert "Ben T." not in files.json_file.read_text(encoding="utf-8")
    text = _pdf_text(files.pdf_file)
    for words in ("Everything we hold about Amara K.", "Sessions you came to", "Tea rota", "Woman"):
        assert words in text
    for words in ("Referrals of you to this group", "Riverside Surgery", "Made friends"):
        assert words in text
    assert "GP practice or primary care" in text  # the referrer's kind, in words
    assert "Ben T." not in text
    last = list(audit_repo.all_entries(db.connection()))[-1]
    assert (last.action, last.record_id) == (Action.EXPORT, full_records.person.id)


def test_only_coordinators_export_everything(lead_db: Database, tmp_path: Path) -> None:
    person = people.add_person(lead_db, Person("Someone"))
    with pytest.raises(NotAllowed):
        subject_access.export_subject_access(lead_db, person.id, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_drafts_about_the_person_are_exported_without_anyone_else(
    db: Database, records: Records, tmp_path: Path
) -> None:
    """Unsaved forms kept when PeerLog locked: all of a draft of the person's own forms; of a
    session draft, only their entry and the notes that name them, never another attendee."""
    amara, ben = records.person, records.other
    own = drafts.save_draft(
        db, DraftKind.PERSON, amara.id, {"Known as": "Amara K.", "Notes": "Moving to Leeds"}
    )
    measure = drafts.save_draft(db, DraftKind.OUTCOME, amara.id, {"Measure": 2, "Item 1": 4})
    session = drafts.save_draft(
        db,
        DraftKind.SESSION,
        "",
        {
            "attendees": [[amara.id, "Amara K.", amara.ref], [ben.id, "Ben T.", ben.ref]],
            "Notes": "Amara K. led the tea round",
            "Venue": "Church hall",
            "Length in minutes": 90,
        },
        "Log a session",
    )
    drafts.save_draft(db, DraftKind.PERSON, ben.id, {"Known as": "Ben T."}, "Ben T.")

    files = subject_access.export_subject_access(db, amara.id, tmp_path / "out")
    data = json.loads(files.json_file.read_text(encoding="utf-8"))
    held = {d["id"]: d for d in data["drafts"]}
    assert list(held) == [own.id, measure.id, session.id]
    assert held[own.id]["form"] == "person's record"
    assert held[own.id]["fields"] == {"Known as": "Amara K.", "Notes": "Moving to Leeds"}
    assert held[measure.id]["fields"] == {"Measure": 2, "Item 1": 4}
    assert held[session.id]["fields"] == {
        "attendees": [[amara.id, "Amara K.", amara.ref]],
        "Notes": "Amara K. led the tea round",
    }
    assert held[session.id]["title"] == ""
    assert ("create", "draft") in {(e["action"], e["record_kind"]) for e in data["audit_entries"]}
    assert "Ben T." not in files.json_file.read_text(encoding="utf-8")
    text = _pdf_text(files.pdf_file)
    for words in ("not yet saved", "Moving to Leeds", "led the tea round"):
        assert words in text
    assert "Ben T." not in text and "Church hall" not in text


def test_someone_whose_name_or_reference_contains_theirs_is_left_out(
    db: Database, tmp_path: Path
) -> None:
    """ "Ann" (A12) is not in "Annabel Price" (A123): Annabel's drafts stay out of Ann's file."""
    ann = people.add_person(db, Person("Ann", ref="A12"))
    annabel = people.add_person(db, Person("Annabel Price", ref="A123"))
    drafts.save_draft(
        db,
        DraftKind.SESSION,
        "",
        {
            "attendees": [[annabel.id, "Annabel Price", "A123"]],
            "Notes": "Annabel Price disclosed self-harm; annual review due",
        },
        "Log a session",
    )
    drafts.save_draft(db, DraftKind.PERSON, annabel.id, {"Notes": "Annabel's housing"})
    mentions_ann = drafts.save_draft(
        db, DraftKind.SESSION, "", {"Notes": "ann and A12 came late"}, "Log a session"
    )

    files = subject_access.export_subject_access(db, ann.id, tmp_path / "out")
    data = json.loads(files.json_file.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["drafts"]] == [mentions_ann.id]
    assert "Annabel" not in files.json_file.read_text(encoding="utf-8")
    assert "self-harm" not in _pdf_text(files.pdf_file)
