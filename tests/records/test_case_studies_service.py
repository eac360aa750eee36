from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.people import Person
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
