"""Organisation identifiers written the org-id way (org-id.guide): a list prefix such as GB-CHC
(charities in England and Wales), GB-COH (Companies House), GB-SC (OSCR, Scotland) or GB-NIC
(Northern Ireland), then the number on that list: GB-CHC-1234567.

An alliance tells its members apart by this identifier, so two members with similar names are
never merged, and one member's two returns are recognised as the same member's.
"""

from __future__ import annotations

import re

EXAMPLES = "GB-CHC-1234567, GB-COH-01234567, GB-SC-SC012345 or GB-NIC-100123"
_SHAPE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,8}-[A-Z0-9][A-Z0-9-]*$")
# The UK lists most small charities are on, and the shape of their numbers.
_UK_LISTS: dict[str, tuple[re.Pattern[str], str]] = {
    "GB-CHC": (re.compile(r"^[0-9]{6,7}$"), "a charity number of 6 or 7 digits"),
    "GB-COH": (re.compile(r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$"), "a company number of 8 characters"),
    "GB-SC": (re.compile(r"^SC[0-9]{6}$"), "an OSCR number: SC and 6 digits"),
    "GB-NIC": (re.compile(r"^[0-9]{6}$"), "a Northern Ireland charity number of 6 digits"),
}


class OrgIdError(ValueError):
    """An identifier that is not written the org-id way; the message says how to write it."""


def normalise_org_id(text: str) -> str:
    """`text` as an org-id ("gb-chc-1234567 " becomes "GB-CHC-1234567"), or OrgIdError."""
    value = re.sub(r"\s+", "", text).upper()
    if not _SHAPE.match(value):
        raise OrgIdError(
            f"Write the identifier as the list it is on, then the number, e.g. {EXAMPLES}. "
            f'"{text.strip()}" is not in that shape.'
        )
    for prefix, (number, what) in _UK_LISTS.items():
        if value.startswith(prefix + "-"):
            rest = value[len(prefix) + 1 :]
            if not number.match(rest):
                raise OrgIdError(
                    f'After {prefix}- comes {what}; "{rest}" is not. For example {EXAMPLES}.'
                )
    return value


def is_org_id(text: str) -> bool:
    try:
        normalise_org_id(text)
    except OrgIdError:
        return False
    return True
