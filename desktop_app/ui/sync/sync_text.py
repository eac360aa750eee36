"""What a sync did, in plain words: counts of records, when a laptop last synced."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from desktop_app.domain.problems import long_date
from desktop_app.domain.sync.report import LaptopChanges, LaptopStatus

SILENT_WARNING_DAYS = 21  # three weeks without a sync: that laptop's changes are missing here


def counted(count: int, kind: str) -> str:
    """ "3 people", "1 person", "1 attendance tick" (kinds come in the plural)."""
    if count != 1:
        return f"{count:,} {kind}"
    if kind == "people":
        return "1 person"
    if kind.endswith("ies"):
        return f"1 {kind[:-3]}y"
    return f"1 {kind[:-1]}" if kind.endswith("s") else f"1 {kind}"


def _listed(counts: Mapping[str, int]) -> str:
    parts = [counted(n, kind) for kind, n in counts.items() if n]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def changes_lines(changes: LaptopChanges) -> list[str]:
    """["Added 3 people and 1 session.", "Updated 2 people.", "Removed 1 attendance tick."]"""
    return [
        f"{verb} {_listed(counts)}."
        for verb, counts in (
            ("Added", changes.added),
            ("Updated", changes.updated),
            ("Removed", changes.removed),
        )
        if any(counts.values())
    ]


def when_text(moment: datetime | None, now: datetime | None = None) -> str:
    """ "today at 14:05", "yesterday at 09:30", "28 November 2026 (5 days ago)", "never"."""
    if moment is None:
        return "never"
    now = now or datetime.now(UTC)
    local, today = moment.astimezone(), now.astimezone().date()
    days = (today - local.date()).days
    if days <= 0:
        return f"today at {local:%H:%M}"
    if days == 1:
        return f"yesterday at {local:%H:%M}"
    return f"{long_date(local.date())} ({days} days ago)"


def silent_warning(laptop: LaptopStatus) -> str:
    """The warning for a laptop not heard from for more than three weeks, else ""."""
    days = laptop.silent_days
    if laptop.this_laptop or days is None or days <= SILENT_WARNING_DAYS:
        return ""
    return f"{laptop.laptop_name} has not synced for {days} days — its changes are not here yet"
