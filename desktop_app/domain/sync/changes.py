"""What travels between laptops: changes to records, stamped with a hybrid logical clock, in
batches (one batch, one change file)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# A field's value as it travels: JSON-friendly. Foreign keys travel as the identity (uuid or
# natural key) of the record they point at, never as this laptop's local integer key.
Value = str | int | float | bool | None

# Bump when a change file's content changes shape; an older PeerLog refuses newer files plainly.
FORMAT_VERSION = 1


@dataclass(frozen=True, order=True)
class Hlc:
    """A hybrid logical clock reading: wall time (milliseconds since 1970, UTC), a counter for
    readings in the same millisecond, and the laptop that made it (breaks every tie)."""

    wall_ms: int
    counter: int
    laptop: str

    def text(self) -> str:
        """Sortable text: comparing two texts compares the clocks."""
        return f"{self.wall_ms:015d}.{self.counter:06d}.{self.laptop}"

    @staticmethod
    def parse(text: str) -> Hlc:
        wall, counter, laptop = text.split(".", 2)
        return Hlc(int(wall), int(counter), laptop)


ChangeKind = Literal["put", "delete", "erase"]


@dataclass(frozen=True)
class Change:
    """One record's change.

    `table`: the table's name. `key`: the record's identity — its uuid, or for a link row or a
    natural-key row the parts joined by "|" (e.g. "<session uuid>|<person uuid>").
    `kind`: "put" sets the `fields` given (a new record carries all of its fields, an edit only
    those changed); "delete" removes the record; "erase" removes a person for good.
    `subject`: the uuid of the person the record is about, if any, so that an erasure can wipe
    every change about them from history.
    `whole`: a "put" carrying the whole record (a new record, or one put back from Recently
    deleted, or an attendance ticked again): it brings back a record deleted before it."""

    table: str
    key: str
    hlc: str
    kind: ChangeKind
    fields: Mapping[str, Value] = field(default_factory=dict)
    subject: str | None = None
    whole: bool = False  # a new or put-back record: all of its fields, bringing it back


@dataclass(frozen=True)
class AuditCopy:
    """One entry of a laptop's audit trail, travelling so that every laptop holds every chain
    (each checkable on its own)."""

    position: int
    at: str
    user_id: str
    action: str
    record_kind: str
    record_id: str
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class ChangeBatch:
    """The content of one change file: what laptop `laptop` changed since its previous batch.
    `seen`: for every laptop, the highest sequence this laptop had applied when it wrote the
    batch (its own included) — a batch is applied only after all of those."""

    database_id: str
    laptop: str
    laptop_name: str
    sequence: int
    written_at: str
    seen: Mapping[str, int]
    changes: tuple[Change, ...]
    audit: tuple[AuditCopy, ...] = ()
    format_version: int = FORMAT_VERSION
