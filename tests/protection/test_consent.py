"""Consent: what the person was told, what they agreed to, and withdrawing any part of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop_app.domain.audit import Action
from desktop_app.domain.case_studies import CaseStudy
from desktop_app.services import case_studies, people, settings
from desktop_app.services.protection import consent
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.protection import audit_repo
from tests.protection.conftest import Records
from tests.protection.conftest import consent as agreed


def test_consent_is_stamped_with_the_privacy_notice_in_force(
    db: Database, records: Records
) -> None:
    assert records.person.consent is not None
    assert records.person.consent.notice_version == "1"
    settings.change_setting(db, consent.NOTICE_VERSION_SETTING, "2025-03")
    renewed = people.update_person(
        db, replace(records.person, consent=replace(agreed(), recorded_on=date(2025, 3, 1)))
    )
    assert renewed.consent is not None and renewed.consent.notice_version == "2025-03"
    history = people.consent_history(db, records.person.id)
    assert [c.notice_version for c in history] == ["2025-03", "1"]


def test_withdrawing_story_sharing_keeps_stories_out_of_returns(
    db: Database, records: Records
) -> None:
    story = case_studies.add_case_study(
        db, CaseStudy(records.person.id, date(2024, 7, 1), "My year", "It helped.", True)
    )
    assert [s.id for s in case_studies.list_case_studies(db, shareable_only=True).rows] == [
        story.id
    ]
    withdrawn = consent.withdraw_consent(db, records.person.id, "share_story", date(2025, 1, 2))
    assert withdrawn.share_story_withdrawn_on == date(2025, 1, 2)
    assert withdrawn.share_story and not withdrawn.stands("share_story")
    assert withdrawn.stands("keep_data")
    assert case_studies.list_case_studies(db, shareable_only=True).total == 0
    # ticking the story's box again is refused while the withdrawal is in force
    with pytest.raises(ValidationFailed, match="withdrew their agreement to share"):
        case_studies.update_case_study(db, replace(story, consent_to_share=True))
    assert not case_studies.get_case_study(db, story.id).consent_to_share
    assert case_studies.list_case_studies(db, shareable_only=True).total == 0
    assert case_studies.list_case_studies(db).total == 1
    logged = [(e.action, e.record_id) for e in audit_repo.all_entries(db.connection())]
    assert (Action.CONSENT_WITHDRAWN, withdrawn.id) in logged
    assert (Action.CHANGE, story.id) in logged


def test_a_new_consent_after_withdrawal_brings_stories_back(db: Database, records: Records) -> None:
    case_studies.add_case_study(
        db, CaseStudy(records.person.id, date(2024, 7, 1), "My year", "", True)
    )
    consent.withdraw_consent(db, records.person.id, "share_story", date(2024, 8, 1))
    people.update_person(
        db, replace(records.person, consent=replace(agreed(), recorded_on=date(2024, 9, 1)))
    )
    story = case_studies.list_case_studies(db).rows[0]
    case_studies.update_case_study(db, replace(story, consent_to_share=True))
    assert case_studies.list_case_studies(db, shareable_only=True).total == 1


def test_withdrawal_is_checked(db: Database, records: Records) -> None:
    with pytest.raises(ValidationFailed, match="is in the future"):
        consent.withdraw_consent(
            db, records.person.id, "be_contacted", date.today() + timedelta(days=2)
        )
    with pytest.raises(ValidationFailed, match="had not agreed to sharing their story"):
        consent.withdraw_consent(db, records.other.id, "share_story")
    first = consent.withdraw_consent(db, records.person.id, "be_contacted", date(2024, 6, 1))
    again = consent.withdraw_consent(db, records.person.id, "be_contacted", date(2024, 7, 1))
    assert first.be_contacted_withdrawn_on == again.be_contacted_withdrawn_on == date(2024, 6, 1)
