"""Case studies: people's stories, with whether they agreed to them being shared."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.case_studies import (
    CaseStudy,
    cleaned_case_study,
    sharing_problems,
    validate_case_study,
)
from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import change
from desktop_app.services.recently_deleted import delete_keeping_a_copy
from desktop_app.services.validation import refuse
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import case_studies_repo, people_repo


def _problems(conn: Connection, study: CaseStudy) -> list[Problem]:
    problems = validate_case_study(study, date.today())
    if not problems:
        problems += sharing_problems(study, people_repo.get_person(conn, study.person_id).consent)
    return problems


def add_case_study(db: Database, study: CaseStudy) -> CaseStudy:
    """Save a new story; refused when it is marked "agreed to share" against the person's
    consent in force."""
    s = cleaned_case_study(study)
    with change(db, Permission.LOG_RECORDS) as work:
        refuse(_problems(work.conn, s))
        case_studies_repo.insert_case_studies(work.conn, [s], utc_now())
        work.record(Action.CREATE, "case study", s.id)
        return case_studies_repo.get_case_study(work.conn, s.id)


def update_case_study(db: Database, study: CaseStudy) -> CaseStudy:
    s = cleaned_case_study(study)
    with change(db, Permission.LOG_RECORDS) as work:
        refuse(_problems(work.conn, s))
        case_studies_repo.update_case_study(work.conn, s, utc_now())
        work.record(Action.CHANGE, "case study", s.id)
        return case_studies_repo.get_case_study(work.conn, s.id)


def delete_case_study(db: Database, study_id: str) -> None:
    delete_keeping_a_copy(db, "case study", study_id, case_studies_repo.delete_case_study)


def get_case_study(db: Database, study_id: str) -> CaseStudy:
    return case_studies_repo.get_case_study(db.connection(), study_id)


def list_case_studies(
    db: Database,
    person_id: str | None = None,
    shareable_only: bool = False,
    page: Page | None = None,
) -> Paged[CaseStudy]:
    """Newest first: everyone's, or one person's; `shareable_only` keeps those they agreed to
    share."""
    return case_studies_repo.list_case_studies(
        db.connection(), page or Page(), person_id, shareable_only
    )
