"""Contact details: kept for a person only while they agree to be contacted, checked plainly,
gone when they withdraw; a volunteer's kept as given; both through export-all and back, and
in subject access."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.contact_details import ContactDetails
from desktop_app.domain.people import Consent, Person
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, volunteers
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import ImportRefused, run_import
from desktop_app.services.protection import consent, subject_access
from desktop_app.services.validation import ValidationFailed
from desktop_app.store import migrations
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE

AGREED = Consent(date(2024, 5, 1), "written", keep_data=True, be_contacted=True, share_story=False)
NOT_AGREED = replace(AGREED, be_contacted=False)
DETAILS = ContactDetails("07700 900123", "amara@example.org", "text_message")


def _fields(failed: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {p.field: p.message for p in failed.value.problems}


def test_kept_while_they_agree_to_be_contacted(db: Database) -> None:
    person = people.add_person(db, Person("Amara K.", consent=AGREED, contact=DETAILS))
    assert people.get_person(db, person.id).contact == DETAILS


@pytest.mark.parametrize("agreement", [None, NOT_AGREED])
def test_refused_for_someone_who_has_not_agreed(db: Database, agreement: Consent | None) -> None:
    with pytest.raises(ValidationFailed) as failed:
        people.add_person(db, Person("Amara K.", consent=agreement, contact=DETAILS))
    assert "not agreed to be contacted" in _fields(failed)["phone"]
    assert people.list_people(db).total == 0

    person = people.add_person(db, Person("Amara K.", consent=agreement))
    with pytest.raises(ValidationFailed):
        people.update_person(db, replace(person, contact=ContactDetails(email="a@example.org")))
    assert people.get_person(db, person.id).contact.is_empty()


def test_withdrawing_agreement_removes_them(db: Database) -> None:
    person = people.add_person(db, Person("Amara K.", consent=AGREED, contact=DETAILS))
    consent.withdraw_consent(db, person.id, "be_contacted", date(2024, 8, 1))
    after = people.get_person(db, person.id)
    assert after.contact.is_empty()
    with pytest.raises(ValidationFailed):
        people.update_person(db, replace(after, contact=DETAILS))


@pytest.mark.parametrize(
    ("contact", "field", "words"),
    [
        (ContactDetails(phone="0770 09"), "phone", "has 6 digits"),
        (ContactDetails(phone="call Amara"), "phone", "only digits, spaces"),
        (ContactDetails(email="amara.example.org"), "email", "not an email address"),
        (ContactDetails(email="amara@example"), "email", "not an email address"),
        (ContactDetails(preferred="pigeon"), "preferred_contact", "from the list"),
    ],
)
def test_shapes_are_checked_plainly(
    db: Database, contact: ContactDetails, field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as failed:
        people.add_person(db, Person("Amara K.", consent=AGREED, contact=contact))
    assert words in _fields(failed)[field]
    with pytest.raises(ValidationFailed) as failed:
        volunteers.add_volunteer(db, Volunteer("Jo F.", contact=contact))
    assert words in _fields(failed)[field]


def test_spaces_are_tidied(db: Database) -> None:
    given = ContactDetails("  +44  7700 900123 ", " amara@example.org ", "email")
    person = people.add_person(db, Person("Amara K.", consent=AGREED, contact=given))
    assert people.get_person(db, person.id).contact == ContactDetails(
        "+44 7700 900123", "amara@example.org", "email"
    )


def test_a_volunteers_are_kept_without_a_consent_record(db: Database) -> None:
    volunteer = volunteers.add_volunteer(db, Volunteer("Jo F.", contact=DETAILS))
    assert volunteers.get_volunteer(db, volunteer.id).contact == DETAILS
    changed = volunteers.update_volunteer(
        db, replace(volunteer, contact=ContactDetails(preferred="no_contact"))
    )
    assert changed.contact == ContactDetails(preferred="no_contact")


def test_export_all_and_import_carry_them_both_ways(db: Database, tmp_path: Path) -> None:
    person = people.add_person(db, Person("Amara K.", consent=AGREED, contact=DETAILS))
    people.add_person(db, Person("Ben T."))
    volunteer = volunteers.add_volunteer(
        db, Volunteer("Jo F.", contact=ContactDetails("+44 20 7946 0001", "", "phone"))
    )
    fresh = create_database(tmp_path / "Fresh", "Fresh", PASSPHRASE).database
    for suffix in (".xlsx", ""):
        written = export_all(db, tmp_path / f"archive{suffix}")
        report = run_import(fresh, written)
        assert report.ok
        copied = people.find_people(fresh, person.ref)[0]
        assert people.get_person(fresh, copied.id).contact == DETAILS
        ben = people.find_people(fresh, "Ben T.")[0]
        assert people.get_person(fresh, ben.id).contact.is_empty()
        copied_volunteer = volunteers.list_volunteers(fresh, volunteer.ref)[0]
        assert volunteers.get_volunteer(fresh, copied_volunteer.id).contact == ContactDetails(
            "+44 20 7946 0001", "", "phone"
        )
    fresh.close()


def test_an_import_is_refused_details_for_someone_who_has_not_agreed(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("ref,known_as,phone\nP-0100,Cara D.,07700 900555\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run_import(db, source)
    problems = refused.value.report.problems
    assert [(p.column, "not agreed to be contacted" in p.expected) for p in problems] == [
        ("phone", True)
    ]
    assert people.list_people(db).total == 0


def test_subject_access_includes_them(db: Database, tmp_path: Path) -> None:
    person = people.add_person(db, Person("Amara K.", consent=AGREED, contact=DETAILS))
    volunteer = volunteers.add_volunteer(
        db, Volunteer("Amara K.", contact=ContactDetails("0113 496 0000", "ak@example.org", ""))
    )
    files = subject_access.export_subject_access(db, person.id, tmp_path, (volunteer.id,))
    data = json.loads(files.json_file.read_text(encoding="utf-8"))
    profile = data["profile"]
    assert (profile["phone"], profile["email"], profile["preferred_contact"]) == (
        "07700 900123",
        "amara@example.org",
        "text_message",
    )
    assert data["volunteering"][0]["volunteer"]["phone"] == "0113 496 0000"
    text = " ".join(page.extract_text() for page in PdfReader(files.pdf_file).pages)
    for words in ("07700 900123", "amara@example.org", "Text message", "0113 496 0000"):
        assert words in text


def test_a_database_from_before_contact_details_upgrades(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 11 (no contact details) opens with everyone's contact details empty, and they can
    be added at once."""
    with monkeypatch.context() as patch:
        before = tuple(m for m in migrations.MIGRATIONS if m.version <= 11)
        patch.setattr(migrations, "MIGRATIONS", before)
        patch.setattr(migrations, "LATEST_VERSION", 11)
        old = create_database(tmp_path / "Old", "Old Group", PASSPHRASE).database
        with old.transaction() as conn:  # as PeerLog of schema 11 stored them
            conn.execute(
                "INSERT INTO people(uuid, ref, known_as, gender, ethnic_group, disability, "
                "referral_source, record_key, created_at, updated_at) VALUES ('p-1', 'P-0001', "
                "'Amara K.', 'not_recorded', 'not_recorded', 'not_recorded', 'not_known', 17, "
                "'2024-01-01', '2024-01-01')"
            )
            conn.execute(
                "INSERT INTO consents(uuid, person_id, recorded_on, method, keep_data, "
                "be_contacted, share_story, created_at, updated_at) VALUES ('c-1', 1, "
                "'2024-05-01', 'written', 1, 1, 0, '2024-01-01', '2024-01-01')"
            )
            conn.execute(
                "INSERT INTO volunteers(uuid, ref, name, roles, lived_experience, record_key, "
                "created_at, updated_at) VALUES ('v-1', 'V-0001', 'Jo F.', '', 0, 200, "
                "'2024-01-01', '2024-01-01')"
            )
        old.close()
    db = open_database(old.folder, PASSPHRASE)
    try:
        version = db.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == migrations.LATEST_VERSION
        (amara,) = people.list_people(db).rows
        assert people.get_person(db, amara.id).contact.is_empty()
        (jo,) = volunteers.list_volunteers(db)
        assert volunteers.get_volunteer(db, jo.id).contact.is_empty()
        changed = people.update_person(
            db, replace(people.get_person(db, amara.id), contact=DETAILS)
        )
        assert changed.contact == DETAILS
    finally:
        db.close()
