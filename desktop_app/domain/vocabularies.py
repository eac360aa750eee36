"""The shared vocabularies (resources/reference/vocabularies.md and ethnic-groups.csv).

Fixed codes let returns from different organisations be added together. Screens show the label;
the database stores the code; imports accept either (`Vocabulary.code_for`). The age bands
live in domain/age_bands.py, with the rules that count people into them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from desktop_app.resources import resource_path


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    group: str = ""  # the high-level group (ethnic groups only)


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of codes with their labels."""

    name: str
    terms: tuple[Term, ...]
    _by_text: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_text: dict[str, str] = {}
        for term in self.terms:
            by_text[_normal(term.label)] = term.code
        for term in self.terms:  # codes win over labels when the two could clash
            by_text[_normal(term.code)] = term.code
        object.__setattr__(self, "_by_text", by_text)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and any(term.code == code for term in self.terms)

    def term(self, code: str) -> Term:
        for term in self.terms:
            if term.code == code:
                return term
        raise KeyError(f"{code!r} is not a {self.name} code")

    def label(self, code: str) -> str:
        return self.term(code).label

    def code_for(self, text: str) -> str | None:
        """The code for `text`, given as a code or a label (any case, spaces ignored)."""
        return self._by_text.get(_normal(text))

    def group(self, code: str) -> str:
        return self.term(code).group


def _normal(text: str) -> str:
    return " ".join(text.strip().casefold().split())


def _vocabulary(name: str, *pairs: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(code, label) for code, label in pairs))


GENDER = _vocabulary(
    "gender",
    ("woman", "Woman"),
    ("man", "Man"),
    ("non_binary", "Non-binary"),
    ("self_described", "Prefer to self-describe"),
    ("not_stated", "Prefer not to say"),
    ("not_recorded", "Not recorded"),
)

DISABILITY = _vocabulary(
    "disability",
    ("yes", "Yes"),
    ("no", "No"),
    ("not_stated", "Prefer not to say"),
    ("not_recorded", "Not recorded"),
)

# What every question about a person holds until someone records an answer (and what a blank
# import cell means). "Prefer not to say" (`not_stated`) is an answer; this is the lack of one.
NOT_RECORDED = "not_recorded"
# The referral source's own "no answer" code (its vocabulary has no `not_recorded`).
REFERRAL_NOT_KNOWN = "not_known"

REFERRAL_SOURCE = _vocabulary(
    "referral source",
    ("self", "Self-referral"),
    ("gp_practice", "GP practice or primary care"),
    ("social_prescribing", "Social prescribing link worker"),
    ("secondary_mental_health", "Community or secondary mental health service"),
    ("vcse", "Another voluntary or community organisation"),
    ("family_friend", "Family or friend"),
    ("other", "Other"),
    ("not_known", "Not known"),
)

SESSION_KIND = _vocabulary(
    "session kind",
    ("group", "Group peer support"),
    ("one_to_one", "One-to-one peer support"),
    ("drop_in", "Drop-in"),
)

DELIVERY_MODE = _vocabulary(
    "delivery mode", ("in_person", "In person"), ("phone", "Phone"), ("online", "Online")
)

OUTCOME_STAGE = _vocabulary(
    "outcome stage", ("baseline", "Baseline"), ("review", "Review"), ("exit", "Exit")
)

CONSENT_METHOD = _vocabulary(
    "consent method", ("verbal", "Verbal"), ("written", "Written"), ("online", "Online")
)

# How someone prefers to be contacted ("" when they have not said).
CONTACT_PREFERENCE = _vocabulary(
    "way to contact them",
    ("phone", "Phone"),
    ("text_message", "Text message"),
    ("email", "Email"),
    ("post", "Post"),
    ("no_contact", "No contact"),
)


# Kinds of safeguarding concern: the categories of abuse and neglect in the Care Act 2014
# statutory guidance, with self-harm or suicide risk. "Not recorded" is only for the concerns
# moved from the old tick box on sessions (which said no kind); a new concern names one.
CONCERN_KIND = _vocabulary(
    "kind of concern",
    ("physical", "Physical abuse"),
    ("domestic", "Domestic abuse"),
    ("sexual", "Sexual abuse"),
    ("psychological", "Psychological or emotional abuse"),
    ("financial", "Financial or material abuse"),
    ("modern_slavery", "Modern slavery"),
    ("discriminatory", "Discriminatory abuse"),
    ("organisational", "Organisational abuse"),
    ("neglect", "Neglect and acts of omission"),
    ("self_neglect", "Self-neglect"),
    ("self_harm", "Self-harm or suicide risk"),
    ("not_recorded", "Not recorded"),
)
# The kinds a new concern may be given (all but "Not recorded").
NEW_CONCERN_KIND = Vocabulary(
    "kind of concern", tuple(t for t in CONCERN_KIND.terms if t.code != NOT_RECORDED)
)
NEW_CONCERN_KINDS: tuple[str, ...] = NEW_CONCERN_KIND.codes


def _load_ethnic_groups() -> Vocabulary:
    with resource_path("reference", "ethnic-groups.csv").open(encoding="utf-8", newline="") as f:
        terms = tuple(Term(row["code"], row["label"], row["group"]) for row in csv.DictReader(f))
    return Vocabulary("ethnic group", terms)


ETHNIC_GROUP = _load_ethnic_groups()

# The five high-level groups of the 2021 census, in census order ("Prefer not to say" and "Not
# recorded" are not among them).
HIGH_LEVEL_ETHNIC_GROUPS: tuple[str, ...] = tuple(
    dict.fromkeys(t.group for t in ETHNIC_GROUP.terms if t.code not in ("not_stated", NOT_RECORDED))
)
