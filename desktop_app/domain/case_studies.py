"""Case studies: a person's story, kept with whether they agreed to it being shared."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.identity import new_id
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
