"""The merge rules, as pure functions: the clock, which of two values of a field wins, when a
pair is a conflict, and how a reference both laptops gave out is shared.

Every rule gives the same answer on every laptop whatever order the changes arrive in, so the
laptops end the same:

- Clock: a reading is (wall ms, counter, laptop). A new reading is past both the wall clock and
  every reading made or received here; within one millisecond the counter goes up.
- A field: the value with the greater clock wins. A field never changed since sync began (no
  version) is older than everything. A value changed here and not sent yet wins (it will be
  stamped later than everything received).
- A withdrawal of consent (`*_withdrawn_on`), once set, stays set: an empty value never replaces
  a date; a date always replaces an empty value; of two dates the later clock wins.
- A conflict: the received value differs from the one here, and the one here was written by
  another laptop (or this one) whose change the sender had not seen when it wrote its batch.
  Equal values are never a conflict; nor are bookkeeping fields (when added or last changed).
- A reference (P-0012) given out on two laptops to different records: the record with the
  smaller uuid keeps it; the other's gets its uuid's first 8 characters added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain.sync.changes import Hlc, Value

# Sorts after every clock's text: a value changed here and not yet sent.
NOT_SENT = "~"
BOOKKEEPING = frozenset({"created_at", "updated_at"})
_WITHDRAWN = "_withdrawn_on"


def next_reading(last: Hlc | None, now_ms: int, laptop: str) -> Hlc:
    """The next reading of this laptop's clock after `last` (the latest made or received)."""
    if last is None or now_ms > last.wall_ms:
        return Hlc(now_ms, 0, laptop)
    return Hlc(last.wall_ms, last.counter + 1, laptop)


def past(last: Hlc | None, received: Hlc) -> Hlc:
    """The clock after receiving `received` (the laptop part is the received one's: only wall and
    counter matter for the next reading)."""
    if last is None or (received.wall_ms, received.counter) > (last.wall_ms, last.counter):
        return received
    return last


@dataclass(frozen=True)
class Version:
    """Who last wrote a field here: the clock text, the laptop, and the sequence of the batch it
    travelled in (None: changed here, not sent yet)."""

    hlc: str
    laptop: str
    sequence: int | None


def sender_had_seen(version: Version, sender: str, seen: Mapping[str, int]) -> bool:
    """Whether the laptop that sent a batch had seen the change that wrote `version`."""
    if version.sequence is None:
        return False
    if version.laptop == sender:
        return True
    return version.sequence <= seen.get(version.laptop, 0)


@dataclass(frozen=True)
class Outcome:
    take: bool  # write the received value
    conflict: bool  # list the pair for review


def field_outcome(
    field: str,
    local: Value,
    version: Version | None,
    received: Value,
    received_hlc: str,
    sender: str,
    seen: Mapping[str, int],
) -> Outcome:
    """What to do with one received field value."""
    if field.endswith(_WITHDRAWN) and (local is None) != (received is None):
        return Outcome(take=local is None, conflict=False)
    if version is None:
        return Outcome(take=True, conflict=False)
    take = received_hlc > version.hlc
    conflict = (
        local != received
        and field not in BOOKKEEPING
        and not sender_had_seen(version, sender, seen)
    )
    return Outcome(take, conflict)


def clash_ref(ref: str, uuid: str) -> str:
    """The reference a record gets when another record (with a smaller uuid) keeps `ref`."""
    return f"{ref}-{uuid[:8]}"


def keeps_ref(uuid: str, other_uuid: str) -> bool:
    """Of two records given the same reference, whether `uuid`'s keeps it."""
    return uuid < other_uuid
