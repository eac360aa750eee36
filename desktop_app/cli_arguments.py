"""What the command line's arguments accept, shared by every command's parser."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD, or a plain usage message saying how to write it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31"
        ) from None
