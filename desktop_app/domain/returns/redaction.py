"""Taking the names of people in the database out of a story before it is shared."""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDER = "[name]"
SHORTEST_NAME_PART = 2


def redact_names(text: str, names: Iterable[str]) -> str:
    """`text` with each name, and each word of a name ("Maria" of "Maria Lopez"), replaced by
    "[name]", whatever its case. Longer names go first, so "Maria Lopez" becomes one "[name]".

    It errs towards hiding: a name that is also an everyday word ("Hope") is hidden wherever it
    appears. A person reads the result before it is shared.
    """
    parts: set[str] = set()
    for name in names:
        cleaned = " ".join(name.split())
        if len(cleaned) >= SHORTEST_NAME_PART:
            parts.add(cleaned)
        parts |= {w for w in re.split(r"[\s.,]+", cleaned) if len(w) >= SHORTEST_NAME_PART}
    if not parts:
        return text
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return pattern.sub(PLACEHOLDER, text)
