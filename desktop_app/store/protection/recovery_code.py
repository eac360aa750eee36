"""Recovery codes: 120 random bits written as 6 groups of 4 characters, easy to copy from paper.

The alphabet is Crockford's base32 (no I, L, O or U), so when typing back, I and L are read as 1,
O as 0, and case, spaces and dashes do not matter.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 6
GROUP_LENGTH = 4
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalise_recovery_code(typed: str) -> str:
    """The canonical form of a typed code, or "" when it cannot be a recovery code."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\n").translate(_CONFUSABLE)
    if len(cleaned) != GROUPS * GROUP_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, len(cleaned), GROUP_LENGTH))
