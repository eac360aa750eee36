"""People supported by the group, and their consent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import (
    Problem,
    in_vocabulary,
    not_in_future,
    optional_text,
    required_text,
)
from desktop_app.domain.vocabularies import (
    CONSENT_METHOD,
    DISABILITY,
    ETHNIC_GROUP,
    GENDER,
    NOT_RECORDED,
    REFERRAL_SOURCE,
)

NAME_MAX = 80
REF_MAX = 20
NOTES_MAX = 20_000
OLDEST_AGE = 120
PERSON_REF_PREFIX = "P-"

_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
_FULL_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][A-Z]{2}")


ConsentPart = Literal["keep_data", "be_contacted", "share_story"]
CONSENT_PARTS: dict[ConsentPart, str] = {
    "keep_data": "keeping their information",
    "be_contacted": "being contacted",
    "share_story": "sharing their story",
}


@dataclass(frozen=True)
class Consent:
    """One record of what a person agreed to, when and how, and what they were told (the
    version of the privacy notice). A person's consent history is kept: a new agreement is a new
    record, and the latest is the one in force. Any part can later be withdrawn, with a date."""

    recorded_on: date
    method: str  # CONSENT_METHOD code
    keep_data: bool
    be_contacted: bool
    share_story: bool
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    notice_version: str = ""  # filled from the privacy notice setting when saved without one
    keep_data_withdrawn_on: date | None = None
    be_contacted_withdrawn_on: date | None = None
    share_story_withdrawn_on: date | None = None

    def withdrawn_on(self, part: ConsentPart) -> date | None:
        withdrawn: date | None = getattr(self, f"{part}_withdrawn_on")
        return withdrawn

    def stands(self, part: ConsentPart) -> bool:
        """Whether they agreed to this part and have not withdrawn it."""
        agreed: bool = getattr(self, part)
        return agreed and self.withdrawn_on(part) is None


@dataclass(frozen=True)
class Person:
    known_as: str
    ref: str = ""  # their reference, unique in the organisation; generated ("P-0001") when empty
    year_of_birth: int | None = None
    gender: str = NOT_RECORDED  # every question starts unanswered, never on an answer
    ethnic_group: str = NOT_RECORDED
    disability: str = NOT_RECORDED
    postcode_district: str = ""  # the first half of a postcode ("BB1"), never a full postcode
    referral_source: str = "not_known"
    first_contact: date | None = None
    consent: Consent | None = None  # the consent in force; None when none has been recorded
    notes: str = ""
    archived: bool = False
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class PersonSummary:
    """What a list or the attendee picker shows about a person."""

    id: str
    ref: str
    known_as: str
    archived: bool


def cleaned_person(person: Person) -> Person:
    """Spaces trimmed, the postcode district in capitals."""
    return replace(
        person,
        known_as=" ".join(person.known_as.split()),
        ref=person.ref.strip(),
        postcode_district=" ".join(person.postcode_district.upper().split()),
        notes=person.notes.strip(),
    )


def validate_person(person: Person, today: date) -> list[Problem]:
    p = cleaned_person(person)
    problems = required_text(p.known_as, "known_as", "The name they are known by", NAME_MAX)
    problems += optional_text(p.ref, "ref", "The reference", REF_MAX)
    problems += _year_of_birth_problems(p.year_of_birth, today)
    problems += in_vocabulary(p.gender, GENDER, "gender")
    problems += in_vocabulary(p.ethnic_group, ETHNIC_GROUP, "ethnic_group")
    problems += in_vocabulary(p.disability, DISABILITY, "disability")
    problems += in_vocabulary(p.referral_source, REFERRAL_SOURCE, "referral_source")
    problems += postcode_district_problems(p.postcode_district)
    problems += not_in_future(p.first_contact, "first_contact", "First contact", today)
    problems += optional_text(p.notes, "notes", "The notes", NOTES_MAX)
    if p.consent is not None:
        problems += validate_consent(p.consent, today)
    return problems


def validate_consent(consent: Consent, today: date) -> list[Problem]:
    problems = in_vocabulary(consent.method, CONSENT_METHOD, "consent.method")
    problems += not_in_future(consent.recorded_on, "consent.recorded_on", "Consent date", today)
    if not any(getattr(consent, part) for part in CONSENT_PARTS):
        problems.append(
            Problem(
                "consent.agreed",
                "Consent is marked as recorded, but nothing is ticked as agreed to. Tick what "
                'they agreed to, or untick "Consent recorded" if they have not agreed yet.',
            )
        )
    return problems


def _year_of_birth_problems(year: int | None, today: date) -> list[Problem]:
    if year is None:
        return []
    if year > today.year:
        return [Problem("year_of_birth", f"Year of birth {year} is in the future.")]
    if year < today.year - OLDEST_AGE:
        return [
            Problem(
                "year_of_birth",
                f"Year of birth {year} would make them over {OLDEST_AGE}. Check the year.",
            )
        ]
    return []


def postcode_district_problems(district: str) -> list[Problem]:
    """A district ("BB1", "M14", "EC1A") is enough for funders and cannot identify anyone."""
    text = " ".join(district.upper().split())
    if not text or _DISTRICT.fullmatch(text):
        return []
    full = _FULL_POSTCODE.fullmatch(text)
    if full:
        return [
            Problem(
                "postcode_district",
                f"Enter only the first half of the postcode ({full.group(1)}), not the full "
                "postcode: a full postcode can identify someone.",
            )
        ]
    return [
        Problem(
            "postcode_district",
            f'"{district.strip()}" is not a postcode district. Enter the first half of the '
            "postcode, like BB1 or M14.",
        )
    ]


def person_ref(number: int) -> str:
    return f"{PERSON_REF_PREFIX}{number:04d}"
