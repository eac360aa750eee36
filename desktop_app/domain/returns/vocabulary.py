"""The shared vocabularies as returns use them: (code, label) pairs in the order they are shown,
and short codes for the five high-level ethnic groups.

Returns from different organisations can only be added up when every one uses these codes.
"""

from __future__ import annotations

from desktop_app.domain import vocabularies
from desktop_app.domain.referrals import vocabulary as referral_vocabulary
from desktop_app.domain.vocabularies import Vocabulary

Codes = tuple[tuple[str, str], ...]  # (code, label) in display order


def _pairs(vocabulary: Vocabulary) -> Codes:
    return tuple((term.code, term.label) for term in vocabulary.terms)


GENDER = _pairs(vocabularies.GENDER)
DISABILITY = _pairs(vocabularies.DISABILITY)
REFERRAL_SOURCE = _pairs(vocabularies.REFERRAL_SOURCE)
SESSION_KIND = _pairs(vocabularies.SESSION_KIND)
DELIVERY_MODE = _pairs(vocabularies.DELIVERY_MODE)
REFERRER_KIND = _pairs(referral_vocabulary.SOURCE_KIND)
REFERRAL_OUTCOME = (
    *_pairs(referral_vocabulary.CLOSING_REASON),
    ("still_open", "Still open at the end of the period"),
)

# Short codes for the high-level groups of the 2021 census (in census order), then "not stated"
# and "not recorded", each a group of its own (neither is a group of people).
_SHORT_CODES = ("white", "mixed", "asian", "black", "other")
HIGH_LEVEL_ETHNIC_GROUP: Codes = (
    *zip(_SHORT_CODES, vocabularies.HIGH_LEVEL_ETHNIC_GROUPS, strict=True),
    ("not_stated", "Not stated"),
    ("not_recorded", "Not recorded"),
)
_SHORT_CODE_OF = {label: code for code, label in HIGH_LEVEL_ETHNIC_GROUP}


def ethnic_groups() -> tuple[tuple[str, str, str], ...]:
    """The 19 groups, "not stated" and "not recorded", in census order: (code, label,
    high-level short code)."""
    return tuple(
        (term.code, term.label, _SHORT_CODE_OF[term.group])
        for term in vocabularies.ETHNIC_GROUP.terms
    )


def ethnic_group_codes() -> Codes:
    return tuple((code, label) for code, label, _ in ethnic_groups())
