"""Case studies: a person's story, kept with whether they agreed to it being shared."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.identity import new_id
from desktop_app.domain.people import Consent
from desktop_app.domain.problems import Problem, not_in_future, optional_text, required_text

TITLE_MAX = 160
TEXT_MAX = 50_000


@dataclass(frozen=True)
class CaseStudy:
    person_id: str
    written_on: date
    title: str
    text: str = ""
    consent_to_share: bool = False
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


def cleaned_case_study(study: CaseStudy) -> CaseStudy:
    return replace(study, title=" ".join(study.title.split()), text=study.text.strip())


def validate_case_study(study: CaseStudy, today: date) -> list[Problem]:
    s = cleaned_case_study(study)
    problems: list[Problem] = []
    if not s.person_id:
        problems.append(Problem("person_id", "Choose the person whose story this is."))
    problems += not_in_future(s.written_on, "written_on", "The date", today)
    problems += required_text(s.title, "title", "The title", TITLE_MAX)
    problems += optional_text(s.text, "text", "The story", TEXT_MAX)
    return problems


def sharing_problems(study: CaseStudy, consent: Consent | None) -> list[Problem]:
    """A story can be marked "agreed to share" only when the person's consent in force allows
    it (or, as returns treat it, when no consent has been recorded for them at all)."""
    if not study.consent_to_share or consent is None or consent.stands("share_story"):
        return []
    why = (
        "withdrew their agreement to share their story"
        if consent.share_story
        else "did not agree to share their story"
    )
    return [
        Problem(
            "consent_to_share",
            f"Their consent record says they {why}, so this story cannot be marked as agreed "
            "to share. Untick it, or first record their new agreement in their consent.",
        )
    ]


def sharing_note(consent: Consent | None) -> str:
    """What the person's consent in force says about sharing their story, for the form."""
    if consent is None:
        return (
            "No consent is recorded for them: tick this only if they agreed to this story "
            "being shared."
        )
    if consent.stands("share_story"):
        return "Their consent record says they agreed to share their story."
    if consent.share_story:
        return "They withdrew their agreement to share their story: it cannot be shared."
    return "Their consent record says they did not agree to share their story."
