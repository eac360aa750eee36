"""Retention: people whose last contact is longer ago than the organisation keeps records
(a setting, 6 years by default), for Home to list and a coordinator to erase or anonymise."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.protection.retention import (
    DEFAULT_RETENTION_YEARS,
    PastRetention,
    retention_cutoff,
    retention_years_problem,
)
from desktop_app.services.protection import erasure
from desktop_app.services.settings import change_setting
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.store.protection import erasure_repo

RETENTION_SETTING = "retention_years"


def retention_years(db: Database) -> int:
    text = db.setting(RETENTION_SETTING)
    return DEFAULT_RETENTION_YEARS if text is None else int(text)


def set_retention_years(db: Database, years: int) -> None:
    problem = retention_years_problem(str(years))
    if problem:
        raise StoreError(problem)
    change_setting(db, RETENTION_SETTING, str(years))


def people_past_retention(db: Database, today: date | None = None) -> list[PastRetention]:
    cutoff = retention_cutoff(today or date.today(), retention_years(db))
    return erasure_repo.past_retention(db.connection(), cutoff)


def erase_past_retention(db: Database, today: date | None = None) -> int:
    """Erase everyone past the retention period, in one step; how many."""
    past = people_past_retention(db, today)
    return erasure.erase_people(db, [p.person_id for p in past])


def anonymise_past_retention(db: Database, today: date | None = None) -> int:
    """Anonymise everyone past the retention period, in one step; how many."""
    past = people_past_retention(db, today)
    return erasure.anonymise_people(db, [p.person_id for p in past], today)
