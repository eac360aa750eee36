from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.people import Consent, Person
from desktop_app.services import case_studies, people
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound


def test_case_studies_crud(db: Database, regulars: list[Person]) -> None:
    amara, ben = regulars[0], regulars[1]
    story = case_studies.add_case_study(
        db, CaseStudy(amara.id, date(2025, 2, 1), "  Finding my feet ", "It helped.", True)
    )
    assert story.title == "Finding my feet"
    case_studies.add_case_study(db, CaseStudy(ben.id, date(2025, 3, 1), "Ben's year"))
    assert case_studies.list_case_studies(db).total == 2
    assert [s.title for s in case_studies.list_case_studies(db, shareable_only=True).rows] == [
        "Finding my feet"
    ]
    edited = case_studies.update_case_study(db, replace(story, consent_to_share=False))
    assert not edited.consent_to_share and edited.created_at == story.created_at
    assert case_studies.list_case_studies(db, shareable_only=True).total == 0
    case_studies.delete_case_study(db, story.id)
    with pytest.raises(RecordNotFound):
        case_studies.get_case_study(db, story.id)


def test_case_study_validation_and_erasure(db: Database, regulars: list[Person]) -> None:
    with pytest.raises(ValidationFailed):
        case_studies.add_case_study(db, CaseStudy(regulars[0].id, date(2025, 1, 1), " "))
    case_studies.add_case_study(db, CaseStudy(regulars[0].id, date(2025, 1, 1), "Story"))
    people.delete_person(db, regulars[0].id)
    assert case_studies.list_case_studies(db).total == 0


def test_a_story_is_shared_only_as_far_as_their_consent_allows(
    db: Database, regulars: list[Person]
) -> None:
    amara = regulars[0]
    written = CaseStudy(amara.id, date(2025, 2, 1), "Finding my feet", "It helped.", True)
    story = case_studies.add_case_study(db, written)  # no consent recorded: the story decides
    assert story.consent_to_share
    said_no = Consent(date(2025, 1, 10), "verbal", True, True, share_story=False)
    people.update_person(db, replace(people.get_person(db, amara.id), consent=said_no))
    with pytest.raises(ValidationFailed, match="did not agree to share") as refused:
        case_studies.update_case_study(db, replace(story, title="Changed"))
    assert [p.field for p in refused.value.problems] == ["consent_to_share"]
    assert case_studies.get_case_study(db, story.id).title == "Finding my feet"
    with pytest.raises(ValidationFailed, match="did not agree to share"):
        case_studies.add_case_study(db, replace(written, id="another"))
    kept = case_studies.update_case_study(db, replace(story, consent_to_share=False))
    assert not kept.consent_to_share
    said_yes = Consent(date(2025, 3, 1), "written", True, True, share_story=True)
    people.update_person(db, replace(people.get_person(db, amara.id), consent=said_yes))
    assert case_studies.update_case_study(db, replace(kept, consent_to_share=True)).consent_to_share
