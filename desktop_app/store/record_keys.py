"""Record keys: a random number from 0 to 255 for every person and volunteer, for cell key
perturbation of returns. Made here, once, when a record is added; nothing reads one back except
the queries that add them up for a return (store/returns/queries.py)."""

from __future__ import annotations

import secrets

RECORD_KEYS = 256


def new_record_key() -> int:
    """A fresh key from the operating system's secure random source, 0 to 255."""
    return secrets.randbelow(RECORD_KEYS)
