"""Retention: how long PeerLog keeps a person's records after their last contact, and what
anonymising keeps. Anonymising keeps what statistics need (year-of-birth band, gender, ethnic
group, referral source, attendance and outcome scores) and removes what could identify someone
(name, reference, postcode district, notes, disability, case studies)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_RETENTION_YEARS = 6
BIRTH_YEAR_BAND = 5
ANONYMOUS_NAME = "Anonymised person"
ANONYMOUS_REF_PREFIX = "ANON-"


@dataclass(frozen=True)
class PastRetention:
    """A person whose last contact was longer ago than the retention period."""

    person_id: str
    ref: str
    known_as: str
    last_contact: date


def retention_cutoff(today: date, years: int) -> date:
    """People whose last contact was before this date are past retention."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def year_of_birth_band(year: int | None) -> int | None:
    """The middle year of the five-year band the year falls in (1983 becomes 1982): close
    enough for age bands in returns, too coarse to help identify anyone."""
    if year is None:
        return None
    return year - year % BIRTH_YEAR_BAND + BIRTH_YEAR_BAND // 2


def anonymous_ref(local_number: int) -> str:
    return f"{ANONYMOUS_REF_PREFIX}{local_number:06d}"


def retention_years_problem(text: str) -> str | None:
    try:
        years = int(text)
    except ValueError:
        return f'"{text}" is not a number of years. Enter a whole number, like 6.'
    if not 1 <= years <= 100:
        return f"Keep records for between 1 and 100 years (you entered {years})."
    return None
