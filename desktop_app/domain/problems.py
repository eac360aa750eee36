"""Validation problems: what is wrong with one field, in words a volunteer understands.

Every validator returns a list of `Problem`s (empty when the record is fine) so that a screen can
show each message next to its field. `field` is the dataclass attribute name ("year_of_birth").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.spreadsheet_text import has_control_characters
from desktop_app.domain.vocabularies import Vocabulary

# Every date PeerLog keeps (sessions, first contact, consent, hours, DBS checks, outcome forms)
# is of work a charity recorded: none is older than this.
EARLIEST_RECORD_DATE = date(1990, 1, 1)
HOLDS_CONTROL_CHARACTER = (
    "holds a control character that cannot be seen or printed (often pasted in from another "
    "program). Type the text again, or delete the character."
)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def long_date(day: date) -> str:
    """A date as people write it: 3 March 2025."""
    return f"{day.day} {day:%B %Y}"


def required_text(value: str, field: str, what: str, max_length: int) -> list[Problem]:
    if not value.strip():
        return [Problem(field, f"{what} is missing. Fill it in to save.")]
    return optional_text(value, field, what, max_length)


def optional_text(value: str, field: str, what: str, max_length: int) -> list[Problem]:
    if has_control_characters(value):
        return [Problem(field, f"{what} {HOLDS_CONTROL_CHARACTER}")]
    if len(value) > max_length:
        too_long = f"{what} is too long ({len(value)} characters): keep it to {max_length}."
        return [Problem(field, too_long)]
    return []


def not_in_future(day: date | None, field: str, what: str, today: date) -> list[Problem]:
    """A date of something that happened: not in the future, and not before
    `EARLIEST_RECORD_DATE` (a typing slip such as 0001-01-01 or 1024 for 2024)."""
    if day is not None and day > today:
        return [Problem(field, f"{what} {long_date(day)} is in the future.")]
    if day is not None and day < EARLIEST_RECORD_DATE:
        return [
            Problem(
                field,
                f"{what} {long_date(day)} is too long ago: PeerLog keeps records of work done "
                f"since {EARLIEST_RECORD_DATE.year}. Check the year.",
            )
        ]
    return []


def not_before(
    day: date | None, earliest: date | None, field: str, what: str, earlier_what: str
) -> list[Problem]:
    if day is not None and earliest is not None and day < earliest:
        return [
            Problem(
                field,
                f"{what} ({long_date(day)}) is before {earlier_what} ({long_date(earliest)}).",
            )
        ]
    return []


def in_vocabulary(code: str, vocabulary: Vocabulary, field: str) -> list[Problem]:
    if code not in vocabulary:
        return [Problem(field, f"Choose the {vocabulary.name} from the list.")]
    return []
