"""The fixed lists of a referral (codes in resources/reference/vocabularies.md): who referred,
what for, and why a referral was closed."""

from __future__ import annotations

# The shared vocabularies' own maker: one way to build a list of codes and labels.
from desktop_app.domain.vocabularies import _vocabulary

# The same codes as a person's referral source, without "not known": a referral always has one.
SOURCE_KIND = _vocabulary(
    "kind of referrer",
    ("social_prescribing", "Social prescribing link worker"),
    ("gp_practice", "GP practice or primary care"),
    ("secondary_mental_health", "Community or secondary mental health service"),
    ("vcse", "Another voluntary or community organisation"),
    ("self", "Self-referral"),
    ("family_friend", "Family or friend"),
    ("other", "Other"),
)

NEED = _vocabulary(
    "need",
    ("loneliness", "Loneliness and isolation"),
    ("low_mood", "Low mood or anxiety"),
    ("bereavement", "Bereavement"),
    ("carer", "Carer support"),
    ("long_term_condition", "Long-term condition"),
    ("money_housing", "Financial or housing worries"),
    ("other", "Other"),
)

CLOSING_REASON = _vocabulary(
    "reason for closing",
    ("completed", "Completed"),
    ("declined", "Declined"),
    ("could_not_contact", "Could not contact"),
    ("not_suitable", "Not suitable"),
    ("moved_away", "Moved away"),
    ("other", "Other"),
)
