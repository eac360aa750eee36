"""How to reach someone: a phone number, an email address and how they prefer to be contacted.

A person's are kept only while they agree to be contacted by the group (their consent in force,
`be_contacted`, not withdrawn); a volunteer's need no such record. They are never in a return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop_app.domain.problems import Problem, in_vocabulary, optional_text
from desktop_app.domain.vocabularies import CONTACT_PREFERENCE

PHONE_MAX = 30
EMAIL_MAX = 120
FEWEST_PHONE_DIGITS = 7
MOST_PHONE_DIGITS = 15

_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


@dataclass(frozen=True)
class ContactDetails:
    phone: str = ""
    email: str = ""
    preferred: str = ""  # a CONTACT_PREFERENCE code; "" when they have not said

    def is_empty(self) -> bool:
        return not (self.phone or self.email or self.preferred)


NO_CONTACT_DETAILS = ContactDetails()


def cleaned_contact(contact: ContactDetails) -> ContactDetails:
    """Spaces trimmed (a phone number keeps single spaces between its groups of digits)."""
    return replace(
        contact,
        phone=" ".join(contact.phone.split()),
        email=contact.email.strip(),
        preferred=contact.preferred.strip(),
    )


def contact_problems(contact: ContactDetails) -> list[Problem]:
    c = cleaned_contact(contact)
    problems = optional_text(c.phone, "phone", "The phone number", PHONE_MAX)
    problems += optional_text(c.email, "email", "The email address", EMAIL_MAX)
    problems += _phone_problems(c.phone)
    if c.email and not _EMAIL.fullmatch(c.email):
        problems.append(
            Problem(
                "email",
                f'"{c.email}" is not an email address. Write it whole, like '
                "name@example.org, or leave it empty.",
            )
        )
    if c.preferred:
        problems += in_vocabulary(c.preferred, CONTACT_PREFERENCE, "preferred_contact")
    return problems


def _phone_problems(phone: str) -> list[Problem]:
    if not phone:
        return []
    digits = sum(ch.isdigit() for ch in phone)
    if not _PHONE_CHARACTERS.fullmatch(phone):
        return [
            Problem(
                "phone",
                f'"{phone}" is not a phone number: use only digits, spaces and a + at the start, '
                "like 07700 900123 or +44 7700 900123.",
            )
        ]
    if not FEWEST_PHONE_DIGITS <= digits <= MOST_PHONE_DIGITS:
        return [
            Problem(
                "phone",
                f"The phone number has {digits} digits; a phone number has between "
                f"{FEWEST_PHONE_DIGITS} and {MOST_PHONE_DIGITS}. Check it.",
            )
        ]
    return []


def refused_without_agreement(contact: ContactDetails, agreed: bool) -> list[Problem]:
    """A person's contact details are kept only while they agree to be contacted by the
    group."""
    if agreed or contact.is_empty():
        return []
    field = "phone" if contact.phone else "email" if contact.email else "preferred_contact"
    return [
        Problem(
            field,
            "They have not agreed to be contacted by the group, so PeerLog cannot keep their "
            "contact details. Record that consent first (tick “Being contacted by the group”), "
            "or leave the contact details empty.",
        )
    ]
