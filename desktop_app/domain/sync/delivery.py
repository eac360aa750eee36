"""When a batch from another laptop may be applied, and when it must wait or be refused.

Batches are applied in causal order: a laptop's batches one after another, and each only after
every batch its writer had applied (its `seen` vector), so that what it refers to is here first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta

from desktop_app.domain.sync.changes import ChangeBatch, Hlc

# A change stamped further ahead of this laptop's clock than this was made on a laptop whose clock
# is wrong: applying it would make its values win every later edit for that long.
FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000

# A batch that would remove at least this many records, and this share of them, waits for a
# coordinator to confirm (a laptop whose records were emptied by mistake must not empty the rest).
HOLD_AT_LEAST = 10
HOLD_SHARE = 0.2

# A batch every known laptop has applied is removed from the shared folder once it is this old:
# a sync service may bring a laptop's folder late, and a laptop joining from a backup this recent
# still finds every change it lacks.
KEEP_FILES = timedelta(days=21)


def is_next(batch: ChangeBatch, applied: Mapping[str, int]) -> bool:
    """The batch follows directly on the last one applied from its laptop."""
    return batch.sequence == applied.get(batch.laptop, 0) + 1


def has_seen_all(batch: ChangeBatch, applied: Mapping[str, int], this_laptop: str) -> bool:
    """Every batch its writer had applied has been applied here too (this laptop's own
    batches are always here)."""
    return all(
        laptop == this_laptop or laptop == batch.laptop or applied.get(laptop, 0) >= sequence
        for laptop, sequence in batch.seen.items()
    )


def latest_clock(batch: ChangeBatch) -> Hlc | None:
    stamps = [Hlc.parse(change.hlc) for change in batch.changes]
    return max(stamps) if stamps else None


def is_from_the_future(batch: ChangeBatch, now_ms: int) -> bool:
    latest = latest_clock(batch)
    return latest is not None and latest.wall_ms > now_ms + FUTURE_LIMIT_MS


def should_hold(removals: int, records: int) -> bool:
    return removals >= HOLD_AT_LEAST and removals >= HOLD_SHARE * max(records, 1)


def compactable_through(seen_by_others: Iterable[Mapping[str, int]], laptop: str) -> int:
    """The highest of `laptop`'s batches every other known laptop has applied (0 when none
    is known: a file nobody else has read yet must stay)."""
    marks = [seen.get(laptop, 0) for seen in seen_by_others]
    return min(marks) if marks else 0
