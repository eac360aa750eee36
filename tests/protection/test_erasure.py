"""Erasure and retention, with canaries: after erasure the person's name, reference and note
text are in no file (the database, its WAL, a new backup), read both as stored (encrypted) and
decrypted page by page, free pages and stale WAL frames included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.contact_details import ContactDetails
from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.retention import ANONYMOUS_NAME
from desktop_app.domain.sessions import OnwardReferral, Session
from desktop_app.services import case_studies, outcomes, people, sessions
from desktop_app.services.protection import erasure, retention
from desktop_app.store.database import Database
from desktop_app.store.protection import audit_repo
from desktop_app.store.protection.backup import read_backup_header
from tests.protection.conftest import Records, consent
from tests.protection.pages import contains, decrypted_database, plaintext_of_folder

NAME = "Zq7Canary Hollowmere"
REF = "ZQ-REF-4471"
NOTE = "Zq7CanaryNote: sleeps badly since the move"
STORY = "Zq7CanaryStory about the allotment"
PHONE = "07700 938471"
EMAIL = "zq7canary.hollowmere@example.org"
CANARIES = (NAME, REF, NOTE, STORY, PHONE, EMAIL)


def _canary_person(db: Database, session_id: str | None = None) -> Person:
    person = people.add_person(
        db,
        Person(
            NAME,
            ref=REF,
            notes=NOTE,
            postcode_district="BB2",
            consent=consent(),
            contact=ContactDetails(PHONE, EMAIL, "text_message"),
        ),
    )
    case_studies.add_case_study(db, CaseStudy(person.id, date(2024, 7, 1), "Story", STORY, True))
    outcomes.record_outcome(db, person.id, "ONS4", Stage.BASELINE, date(2024, 7, 1), [1, 2, 3, 4])
    return person


def _found_in(db: Database, key: bytes, backup: Path | None = None) -> list[str]:
    """Where any canary is found: encrypted files, decrypted pages, a logical dump, a backup."""
    found = []
    for path in db.folder.rglob("*"):
        if path.is_file() and any(contains(path.read_bytes(), c) for c in CANARIES):
            found.append(f"stored bytes of {path.name}")
    plain = plaintext_of_folder(db.folder, key)
    found += [f"decrypted pages: {c}" for c in CANARIES if contains(plain, c)]
    exported = db.folder.parent / "plaintext-export.db"
    conn = db.connection()
    conn.execute(f"ATTACH DATABASE '{exported}' AS plaintext KEY ''")
    conn.execute("SELECT sqlcipher_export('plaintext')")
    conn.execute("DETACH DATABASE plaintext")
    dump = exported.read_bytes()
    exported.unlink()
    assert b"CREATE TABLE people" in dump, "the export must be plaintext for the scan to mean much"
    found += [f"plaintext export: {c}" for c in CANARIES if contains(dump, c)]
    if backup is not None:
        data = backup.read_bytes()
        offset = read_backup_header(backup).data_offset
        found += [f"backup: {c}" for c in CANARIES if contains(data, c)]
        found += [
            f"decrypted backup: {c}"
            for c in CANARIES
            if contains(decrypted_database(data[offset:], key), c)
        ]
    return found


def test_erased_person_is_in_no_file_and_session_totals_stay_true(
    db: Database, records: Records, tmp_path: Path
) -> None:
    key = db._data_key()
    person = _canary_person(db)
    session = sessions.get_session(db, records.session.id)
    sessions.update_session(
        db,
        Session(
            session.held_on,
            session.kind,
            attendee_ids=(*session.attendee_ids, person.id),
            anonymous_headcount=session.anonymous_headcount,
            facilitator_ids=session.facilitator_ids,
            onward_referrals=(OnwardReferral("GP", person.id),),
            id=session.id,
        ),
    )
    before = sessions.get_session(db, session.id).attendance
    plain_before = plaintext_of_folder(db.folder, key)
    assert all(contains(plain_before, c) for c in (NAME, REF, NOTE, PHONE, EMAIL)), (
        "the scan must see them"
    )

    erasure.erase_person(db, person.id)

    after = sessions.get_session(db, session.id)
    assert after.attendance == before
    assert person.id not in after.attendee_ids and after.anonymous_headcount == 3
    assert [r.person_id for r in after.onward_referrals] == [None]
    assert case_studies.list_case_studies(db).total == 0
    left = db.connection().execute("SELECT COUNT(*) FROM outcome_records").fetchone()[0]
    assert left == 0
    backup = tmp_path / "after.peerlog-backup"
    db.backup_to(backup)
    assert _found_in(db, key, backup) == []
    erasures = [
        e for e in audit_repo.all_entries(db.connection()) if e.action == Action.ERASURE.value
    ]
    assert [(e.record_kind, e.record_id) for e in erasures] == [("person", "")]


def test_erased_person_leaves_nothing_after_reopening(db: Database, records: Records) -> None:
    key = db._data_key()
    person = _canary_person(db)
    erasure.erase_people(db, [person.id, records.other.id])
    folder = db.folder
    db.close()
    assert not any(contains(plaintext_of_folder(folder, key), c) for c in CANARIES), (
        "a canary survived in the closed files"
    )


def test_anonymise_keeps_statistics_and_removes_what_identifies(
    db: Database, records: Records
) -> None:
    key = db._data_key()
    person = _canary_person(db)
    outcomes.record_outcome(
        db, records.person.id, "ONS4", Stage.BASELINE, date(2024, 6, 3), [6, 7, 5, 3]
    )
    erasure.anonymise_people(db, [person.id, records.person.id], today=date(2031, 1, 1))
    kept_scores = outcomes.person_outcomes(db, records.person.id)
    assert [o.measure_code for o in kept_scores] == ["ONS4"]
    assert len(outcomes.person_outcomes(db, person.id)) == 1
    kept = people.get_person(db, records.person.id)
    assert kept.known_as == ANONYMOUS_NAME and kept.ref.startswith("ANON-")
    assert (kept.year_of_birth, kept.gender, kept.postcode_district, kept.notes) == (
        1982,
        "woman",
        "",
        "",
    )
    assert kept.archived and kept.contact.is_empty()
    assert records.person.id in sessions.get_session(db, records.session.id).attendee_ids
    assert case_studies.list_case_studies(db).total == 0
    assert _found_in(db, key) == []
    assert retention.people_past_retention(db, today=date(2040, 1, 1)) == [
        r for r in retention.people_past_retention(db, date(2040, 1, 1)) if r.known_as == "Ben T."
    ]


def test_retention_lists_people_past_it_by_last_contact(db: Database, records: Records) -> None:
    assert retention.retention_years(db) == 6
    # Amara: attended 3 June 2024; Ben: only that session too; a newcomer with no contact yet
    people.add_person(db, Person("Newcomer"))
    assert retention.people_past_retention(db, today=date(2030, 6, 3)) == []
    past = retention.people_past_retention(db, today=date(2030, 6, 4))
    assert [(p.known_as, p.last_contact) for p in past] == [
        ("Amara K.", date(2024, 6, 3)),
        ("Ben T.", date(2024, 6, 3)),
    ]
    retention.set_retention_years(db, 10)
    assert retention.people_past_retention(db, today=date(2030, 6, 4)) == []
    with pytest.raises(Exception, match="between 1 and 100"):
        retention.set_retention_years(db, 0)


def test_retention_erases_in_one_step(db: Database, records: Records) -> None:
    assert retention.erase_past_retention(db, today=date(2031, 1, 1)) == 2
    assert retention.people_past_retention(db, today=date(2031, 1, 1)) == []
    assert sessions.get_session(db, records.session.id).anonymous_headcount == 4


def test_retention_anonymises_in_one_step(db: Database, records: Records) -> None:
    assert retention.anonymise_past_retention(db, today=date(2031, 1, 1)) == 2
    assert retention.people_past_retention(db, today=date(2040, 1, 1)) == []
    assert sessions.get_session(db, records.session.id).attendance == 4


def test_erasure_reaches_tables_that_do_not_cascade(db: Database, records: Records) -> None:
    """A later table that forgot ON DELETE CASCADE must not block an erasure or keep rows."""
    with db.transaction() as conn:
        conn.execute(
            "CREATE TABLE later_notes (person_id INTEGER NOT NULL REFERENCES people(id), body TEXT)"
        )
        conn.execute(
            "INSERT INTO later_notes SELECT id, 'note' FROM people WHERE uuid IN (?, ?)",
            (records.person.id, records.other.id),
        )
    erasure.erase_person(db, records.person.id)
    rows = db.connection().execute("SELECT COUNT(*) FROM later_notes").fetchone()[0]
    assert rows == 1


def test_erasing_or_anonymising_removes_drafts_that_mention_the_person(db: Database) -> None:
    """Drafts have no foreign key to people: a session draft listing someone, or their own
    form's draft, must go with them."""
    from desktop_app.domain.drafts import DraftKind
    from desktop_app.services import drafts

    erased = people.add_person(db, Person("Quillon Erasedperson"))
    anonymised = people.add_person(db, Person("Tamsin Anonymisedone"))
    bystander = people.add_person(db, Person("Unrelated Bystander"))
    drafts.save_draft(
        db, DraftKind.PERSON, anonymised.id, {"notes": "draft note"}, "Tamsin Anonymisedone"
    )
    drafts.save_draft(db, DraftKind.SESSION, "", {"attendees": [erased.id]}, "A new session")
    drafts.save_draft(
        db, DraftKind.PERSON, bystander.id, {"notes": "keep me"}, "Unrelated Bystander"
    )
    erasure.erase_person(db, erased.id)
    erasure.anonymise_people(db, [anonymised.id], date.today())
    left = drafts.my_drafts(db)
    assert [d.record_id for d in left] == [bystander.id]


def test_erasing_someone_keeps_the_drafts_of_a_person_whose_name_contains_theirs(
    db: Database,
) -> None:
    from desktop_app.domain.drafts import DraftKind
    from desktop_app.services import drafts

    ann = people.add_person(db, Person("Ann", ref="P-1000"))
    people.add_person(db, Person("Annabel Price", ref="P-10000"))
    kept = drafts.save_draft(
        db, DraftKind.SESSION, "", {"Notes": "Annabel Price, P-10000, came"}, "Log a session"
    )
    drafts.save_draft(db, DraftKind.SESSION, "", {"Notes": "Ann came (P-1000)"}, "Log a session")
    erasure.erase_person(db, ann.id)
    assert [d.id for d in drafts.my_drafts(db)] == [kept.id]
