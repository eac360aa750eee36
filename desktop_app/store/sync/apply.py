"""Applying another laptop's batch of changes to this database, inside the caller's transaction.

The rules (the pure ones are in domain/sync/merge_rules.py):

- Nothing applied here is noted to send back (the triggers are quiet), except what applying
  itself decides for this laptop (a reference shared out, an erased person's headcount).
- A change about an erased person (its subject) is ignored, whatever its clock.
- "put" of a record that is here: field by field, the greater clock wins (a field changed here
  and not sent yet wins: it will be stamped later). Fields set once with a new record
  (`created_at`, a record key) are never changed. A withdrawal of consent once set stays set.
  The same field changed on two laptops since they last met is listed in `sync_conflicts`.
- "put" (an edit) of a record deleted here: the deletion wins, whatever the clocks. A record
  deleted here and put back since still refuses an edit made without knowing of the deletion.
- "put" of the whole record (new, put back, ticked again) that is not here: added, unless it
  was deleted later than the put (or deleted here and not sent yet).
- "delete": removed, unless it was put back (or ticked again) later than the deletion. Either
  way the deletion is remembered (a tombstone).
- "erase": see apply_erase.py.
- A record pointing at one that is not here (the batches were applied out of order, which
  should not happen) is skipped and said so in `Applied.skipped`; nothing crashes.
- A reference (P-0012) given to two records: see merge_rules.keeps_ref.
- Applying the same batch twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlcipher3

from desktop_app.domain.sync.changes import Change, ChangeBatch, Hlc, Value
from desktop_app.domain.sync.merge_rules import (
    Version,
    clash_ref,
    field_outcome,
    keeps_ref,
    past,
    sender_had_seen,
)
from desktop_app.store.connection import Connection
from desktop_app.store.linked_records import delete_rows_that_would_block
from desktop_app.store.sync import clock, history
from desktop_app.store.sync.apply_erase import apply_erase
from desktop_app.store.sync.capture import quiet
from desktop_app.store.sync.history import WHOLE
from desktop_app.store.sync.shapes import Ids, MissingParent, Shape, shapes
from desktop_app.store.sync.tables import TABLES


@dataclass
class Applied:
    """What a batch did here, counted by kind of record in plain words."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    new_conflicts: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Batch:
    conn: Connection
    batch: ChangeBatch
    shapes: dict[str, Shape]
    me: str
    found_at: str
    applied: Applied
    waiting: history.Waiting  # what this laptop changed and has not sent
    ids: Ids = field(default_factory=dict)  # parents found (forgotten on any removal)

    def version(self, change: Change) -> Version:
        return Version(change.hlc, self.batch.laptop, self.batch.sequence)


def apply_batch(conn: Connection, batch: ChangeBatch, now_ms: int) -> Applied:
    """Apply `batch` (see the module's rules); advance the clock past every reading in it."""
    work = _Batch(
        conn,
        batch,
        shapes(conn),
        clock.this_laptop(conn),
        _iso(now_ms),
        Applied(),
        history.pending(conn),
    )
    erased = history.erased_subjects(conn)
    latest = clock.latest(conn)
    with quiet(conn):
        for change in batch.changes:
            latest = past(latest, Hlc.parse(change.hlc))
            if change.subject is not None and change.subject in erased:
                continue
            shape = work.shapes.get(change.table)
            if shape is None or (shape.table.only and change.key not in shape.table.only):
                continue
            if change.kind != "put":
                work.ids.clear()  # a record removed may come back under another local key
            if change.kind == "erase":
                if apply_erase(conn, change, batch, work.waiting):
                    work.applied.removed["people"] += 1
                erased.add(change.key)
            elif change.kind == "delete":
                _delete(work, shape, change)
            else:
                _put(work, shape, change)
    clock.save(conn, latest)
    return work.applied


def _put(work: _Batch, shape: Shape, change: Change) -> None:
    conn = work.conn
    local = shape.read(conn, change.key)
    waiting = work.waiting.get((shape.name, change.key))
    try:
        if local is None:
            _add(work, shape, change, waiting)
        else:
            _edit(work, shape, change, local, waiting)
    except MissingParent as missing:
        work.applied.skipped.append(
            f"A change to {shape.table.words} was skipped: it refers to one of the {missing} "
            "that is not on this laptop (yet)."
        )
    except sqlcipher3.IntegrityError as refused:  # SQLite undid just that statement
        work.applied.skipped.append(
            f"A change to {shape.table.words} was skipped: this laptop's database refused it "
            f"({refused})."
        )


def _add(work: _Batch, shape: Shape, change: Change, waiting: history.Noted | None) -> None:
    if not change.whole or (waiting is not None and waiting.state == "delete"):
        return
    grave = history.tombstone(work.conn, shape.name, change.key)
    if grave is not None and grave.hlc >= change.hlc:
        return
    values = {f: v for f, v in change.fields.items() if f in shape.fields}
    values.update(_shared_refs(work, shape, change.key, values))
    shape.insert(work.conn, change.key, values, work.ids)
    history.put_versions(
        work.conn, shape.name, change.key, [WHOLE], work.version(change), change.subject
    )
    work.applied.added[shape.table.words] += 1


def _edit(
    work: _Batch,
    shape: Shape,
    change: Change,
    local: dict[str, Value],
    waiting: history.Noted | None,
) -> None:
    conn, batch = work.conn, work.batch
    if not change.whole:
        grave = history.tombstone(conn, shape.name, change.key)
        if grave is not None and not sender_had_seen(grave, batch.laptop, batch.seen):
            return  # a deletion beats an edit made without knowing of it
    known = history.versions(conn, shape.name, change.key)
    mine = history.not_sent(work.me, waiting.noted_ms if waiting else 0)
    edited_here = history.not_sent(work.me, waiting.edited_ms if waiting else 0)
    taken: dict[str, Value] = {}
    for name, value in change.fields.items():
        if name not in shape.fields or name in shape.table.never_changed:
            continue
        if waiting is not None and waiting.state == "whole" and name in waiting.fields:
            version: Version | None = edited_here
        elif waiting is not None and (waiting.state == "whole" or name in waiting.fields):
            version = mine
        else:
            version = known.get(name, known.get(WHOLE))
        outcome = field_outcome(
            name, local[name], version, value, change.hlc, batch.laptop, batch.seen
        )
        # A record arriving whole that is already here came in the copy this laptop was made
        # from: whatever was changed here since was changed knowing it. Not a conflict.
        if outcome.conflict and version is not None and not change.whole:
            _conflict(work, shape, change, name, (local[name], version), outcome.take)
        if outcome.take:
            taken[name] = value
            if version is mine or version is edited_here:
                history.drop_pending_field(conn, work.waiting, shape.name, change.key, name)
    whole = known.get(WHOLE)
    renewed = change.whole and (whole is None or change.hlc > whole.hlc)
    if renewed:
        history.put_versions(
            conn, shape.name, change.key, [WHOLE], work.version(change), change.subject
        )
    if not taken:
        return
    different = {n: v for n, v in taken.items() if local[n] != v}
    different.update(_shared_refs(work, shape, change.key, different))
    shape.update(conn, change.key, different)
    if renewed:  # the fields taken are as old as the record's whole version: one row for all
        history.forget_versions(conn, shape.name, change.key, taken)
    else:
        history.put_versions(
            conn, shape.name, change.key, taken, work.version(change), change.subject
        )
    if different:
        work.applied.updated[shape.table.words] += 1


def _conflict(
    work: _Batch,
    shape: Shape,
    change: Change,
    name: str,
    here: tuple[Value, Version],
    received_wins: bool,
) -> None:
    local, version = here
    received = (change.fields[name], change.hlc, work.batch.laptop)
    kept_here = (local, version.hlc, version.laptop)
    kept, other = (received, kept_here) if received_wins else (kept_here, received)
    added = work.conn.execute(
        "INSERT OR IGNORE INTO sync_conflicts(tbl, key, field, subject, kept, kept_hlc, "
        "kept_laptop, other, other_hlc, other_laptop, found_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            shape.name,
            change.key,
            name,
            change.subject,
            json.dumps(kept[0]),
            kept[1],
            kept[2],
            json.dumps(other[0]),
            other[1],
            other[2],
            work.found_at,
        ),
    ).rowcount
    work.applied.new_conflicts += added


def _shared_refs(
    work: _Batch, shape: Shape, key: str, values: dict[str, Value]
) -> dict[str, Value]:
    """Values of unique columns as this record gets them when another record has the same
    (see merge_rules.keeps_ref); the record that gives its value up has it noted to send."""
    out: dict[str, Value] = {}
    for name in shape.table.unique:
        value = values.get(name)
        if value is None:
            continue
        row = work.conn.execute(
            f"SELECT uuid FROM {shape.name} WHERE {name} = ? AND uuid <> ?", (value, key)
        ).fetchone()
        if row is None:
            continue
        other = str(row[0])
        if keeps_ref(key, other):
            loser, loser_key = clash_ref(str(value), other), other
            work.conn.execute(f"UPDATE {shape.name} SET {name} = ? WHERE uuid = ?", (loser, other))
        else:
            out[name] = loser = clash_ref(str(value), key)
            loser_key = key
        subject = loser_key if shape.table.subject == () else None
        history.note(work.conn, work.waiting, shape.name, loser_key, [name], subject)
    return out


def _delete(work: _Batch, shape: Shape, change: Change) -> None:
    conn = work.conn
    history.bury(conn, shape.name, change.key, work.version(change), change.subject)
    if not shape.exists(conn, change.key):
        return
    waiting = work.waiting.get((shape.name, change.key))
    if waiting is not None and waiting.state == "whole":
        return  # put back here, not sent yet: it will be later than this deletion
    whole = history.versions(conn, shape.name, change.key).get(WHOLE)
    if whole is not None and whole.hlc > change.hlc:
        return  # put back (or ticked again) after this deletion
    key = shape.local_id(conn, change.key)
    if key is not None:
        delete_rows_that_would_block(conn, shape.name, key)
    shape.delete(conn, change.key)
    history.forget_versions(conn, shape.name, change.key)
    conn.execute("DELETE FROM sync_pending WHERE tbl = ? AND key = ?", (shape.name, change.key))
    work.applied.removed[shape.table.words] += 1


def removals(conn: Connection, batch: ChangeBatch) -> tuple[int, int]:
    """How many records here the batch would delete or erase, and how many records there are
    (a batch removing a large share is held for a coordinator to confirm)."""
    found = shapes(conn)
    erased = history.erased_subjects(conn)
    removing = 0
    for change in batch.changes:
        shape = found.get(change.table)
        if change.kind == "put" or shape is None:
            continue
        if change.subject is not None and change.subject in erased:
            continue
        if shape.exists(conn, change.key):
            removing += 1
    total = sum(
        int(conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0])
        for t in TABLES
        if not t.only and t.name in found
    )
    return removing, total


def _iso(now_ms: int) -> str:
    return datetime.fromtimestamp(now_ms / 1000, UTC).isoformat(timespec="seconds")
