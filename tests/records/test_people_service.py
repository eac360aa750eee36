"""People: saved in the real encrypted database, found and listed through the services."""

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.listing import Page, PeopleFilter
from desktop_app.domain.people import Consent, Person, PersonSummary
from desktop_app.services import people
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound, StoreError


def names(found: list[PersonSummary]) -> list[str]:
    return [p.known_as for p in found]


def test_add_gives_a_reference_and_keeps_every_field(db: Database) -> None:
    consent = Consent(
        date(2025, 1, 6), "written", keep_data=True, be_contacted=False, share_story=True
    )
    saved = people.add_person(
        db,
        Person(
            "  Amara  K. ",
            year_of_birth=1987,
            gender="woman",
            ethnic_group="black_african",
            disability="no",
            postcode_district="bb1",
            referral_source="gp_practice",
            first_contact=date(2025, 1, 6),
            consent=consent,
            notes="Prefers mornings",
        ),
    )
    assert saved.ref == "P-0001"
    assert saved.known_as == "Amara K."
    assert saved.postcode_district == "BB1"
    assert saved.created_at and saved.created_at == saved.updated_at
    assert saved.consent is not None and saved.consent.id == consent.id
    assert people.get_person(db, saved.id) == saved
    assert people.add_person(db, Person("Ben")).ref == "P-0002"


def test_invalid_person_is_refused_and_nothing_saved(db: Database) -> None:
    with pytest.raises(ValidationFailed) as caught:
        people.add_person(db, Person("Amara", year_of_birth=2031, postcode_district="BB1 1AA"))
    assert isinstance(caught.value, StoreError)
    assert caught.value.messages_for("year_of_birth") == ["Year of birth 2031 is in the future."]
    assert caught.value.messages_for("postcode_district")
    assert "Year of birth 2031 is in the future." in str(caught.value)
    assert people.list_people(db).total == 0


def test_references_are_unique_in_any_case(db: Database) -> None:
    people.add_person(db, Person("Amara", ref="R-17"))
    with pytest.raises(ValidationFailed) as caught:
        people.add_person(db, Person("Ben", ref="r-17"))
    assert caught.value.messages_for("ref")[0].startswith("The reference r-17 is already used")


def test_edit_keeps_created_time_and_adds_consent_history(db: Database) -> None:
    first = Consent(date(2024, 5, 1), "verbal", True, False, False)
    saved = people.add_person(db, Person("Amara", consent=first))
    second = Consent(date(2025, 2, 1), "written", True, True, True)
    edited = people.update_person(db, replace(saved, known_as="Amara K.", consent=second))
    assert edited.known_as == "Amara K."
    assert edited.created_at == saved.created_at
    assert edited.consent is not None and edited.consent.method == "written"
    history = people.consent_history(db, saved.id)
    assert [c.recorded_on for c in history] == [date(2025, 2, 1), date(2024, 5, 1)]


def test_edit_refuses_a_reference_already_taken(db: Database) -> None:
    people.add_person(db, Person("Amara"))
    ben = people.add_person(db, Person("Ben"))
    with pytest.raises(ValidationFailed):
        people.update_person(db, replace(ben, ref="P-0001"))
    assert people.get_person(db, ben.id).ref == "P-0002"


def test_archive_hides_from_picker_and_default_list(db: Database) -> None:
    amara = people.add_person(db, Person("Amara"))
    people.archive_person(db, amara.id)
    assert people.find_people(db, "ama") == []
    assert names(people.find_people(db, "ama", include_archived=True)) == ["Amara"]
    assert people.list_people(db).total == 0
    assert people.list_people(db, PeopleFilter(archived="archived")).rows[0].archived
    people.archive_person(db, amara.id, archived=False)
    assert people.list_people(db).total == 1


def test_delete_person(db: Database) -> None:
    amara = people.add_person(db, Person("Amara"))
    people.delete_person(db, amara.id)
    with pytest.raises(RecordNotFound):
        people.get_person(db, amara.id)
    with pytest.raises(RecordNotFound):
        people.delete_person(db, amara.id)


def test_find_ranks_reference_then_name_start_then_word_then_anywhere(db: Database) -> None:
    for name, ref in [
        ("Rosanna B.", "X-3"),
        ("Ann P.", "X-2"),
        ("Joanne A.", "X-4"),
        ("Mary Ann", "X-5"),
        ("Zed", "ANN"),
    ]:
        people.add_person(db, Person(name, ref=ref))
    assert names(people.find_people(db, "ann")) == [
        "Zed",  # the reference exactly
        "Ann P.",  # the start of the name
        "Mary Ann",  # the start of a later word
        "Joanne A.",  # anywhere, by name
        "Rosanna B.",
    ]
    assert names(people.find_people(db, "ANN", limit=2)) == ["Zed", "Ann P."]
    assert people.find_people(db, "   ") == []
    assert names(people.find_people(db, "x-5")) == ["Mary Ann"]


def test_find_treats_like_wildcards_as_text(db: Database) -> None:
    people.add_person(db, Person("Amara"))
    assert people.find_people(db, "%") == []
    assert people.find_people(db, "_") == []


def test_list_pages_filters_and_sorts(db: Database) -> None:
    for i in range(25):
        people.add_person(db, Person(f"Person {i:02d}", first_contact=date(2024, 1, 1 + i)))
    first = people.list_people(db, PeopleFilter(), Page(limit=10, offset=0))
    last = people.list_people(db, PeopleFilter(), Page(limit=10, offset=20))
    assert first.total == last.total == 25
    assert [r.known_as for r in first.rows][:2] == ["Person 00", "Person 01"]
    assert [r.known_as for r in last.rows] == [f"Person {i}" for i in range(20, 25)]
    newest = people.list_people(db, PeopleFilter(sort="first_contact", descending=True))
    assert newest.rows[0].first_contact == date(2024, 1, 25)
    found = people.list_people(db, PeopleFilter(text="son 1"))
    assert found.total == 10
    by_ref = people.list_people(db, PeopleFilter(text="P-0025"))
    assert [r.known_as for r in by_ref.rows] == ["Person 24"]
