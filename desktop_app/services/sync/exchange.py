"""One sync: receive every other laptop's new batches (in causal order), then send this laptop's
changes, then tidy the shared folder.

Each received batch is applied in one transaction together with the note of how far this laptop
has applied; this laptop's own batch is saved in the outbox in the transaction that takes its
changes, and written to the folder afterwards. So a sync killed at any moment loses nothing and
applies nothing twice: the next sync carries on from the last committed step.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.domain.protection.audit import Action, AuditEvent
from desktop_app.domain.sync import delivery
from desktop_app.domain.sync.batch_json import MalformedBatch, batch_from_data, batch_to_data
from desktop_app.domain.sync.changes import FORMAT_VERSION, AuditCopy, ChangeBatch
from desktop_app.domain.sync.report import HeldBatch, LaptopChanges, SyncProblem, SyncReport
from desktop_app.services.access import current_user_id
from desktop_app.services.sync import engine, identity, laptop_states, local_state, mailbox
from desktop_app.services.sync.local_state import LocalState
from desktop_app.store.database import Database, utc_now
from desktop_app.store.errors import CannotWriteFile
from desktop_app.store.protection import audit_repo
from desktop_app.store.sync import outbox_repo, received_audit_repo
from desktop_app.store.sync.sealed_files import Unreadable, open_sealed, read_header, seal

Progress = Callable[[int, int, str], None]

KEY_PURPOSE = "peerlog change files between laptops"
NEWER_PEERLOG = (
    "Another laptop uses a newer version of PeerLog, and this laptop cannot read its changes. "
    "Nothing was changed here. Update PeerLog on this laptop, then sync again."
)


@dataclass
class _Tally:
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    name: str = ""


@dataclass
class _Run:
    db: Database
    share: Path
    database_id: str
    key: bytes
    now: datetime
    progress: Progress
    state: LocalState
    tallies: dict[str, _Tally] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    held: list[HeldBatch] = field(default_factory=list)
    new_conflicts: int = 0

    @property
    def now_ms(self) -> int:
        return int(self.now.timestamp() * 1000)


def sync(
    db: Database, share: Path, progress: Progress | None = None, now: datetime | None = None
) -> SyncReport:
    run = _start(db, share, progress or (lambda _d, _t, _w: None), now or datetime.now(UTC))
    others = mailbox.other_laptops(share, run.database_id, run.state.laptop_id)
    states = {
        laptop: laptop_states.read(run.key, share, run.database_id, laptop) for laptop in others
    }
    _refuse_newer(run, others)
    for laptop in others:
        known = states[laptop]
        _tally(run, laptop, known.name if known else "")
        _receive(run, laptop, known)
    sent = _send(run)
    _wipe_erased(run)
    _publish(run)
    _compact(run, [s.seen for s in states.values() if s is not None], len(others))
    _write_state(run)
    return SyncReport(
        sent=sent,
        received=tuple(
            LaptopChanges(laptop, t.name, dict(t.added), dict(t.updated), dict(t.removed))
            for laptop, t in run.tallies.items()
            if t.added or t.updated or t.removed
        ),
        new_conflicts=run.new_conflicts,
        skipped=tuple(run.skipped),
        held=tuple(run.held),
    )


# Starting: which laptop this is -----------------------------------------------------------


def _start(db: Database, share: Path, progress: Progress, now: datetime) -> _Run:
    database_id = db.setting("database_id") or ""
    key = db.purpose_key(KEY_PURPOSE)
    state = local_state.load(db.connection())
    if state is None:
        others = mailbox.other_laptops(share, database_id, "")
        state = _first_identity(db, others)
    elif not identity.owns(state.laptop_id, db.folder):
        state = _become_new_laptop(db, state, forget_pending=False)
    if _is_older_copy(share, database_id, key, state):
        # a restored older copy of this laptop: what was changed here since it was restored is
        # pending, and is this new laptop's to send
        state = _become_new_laptop(db, state, forget_pending=False)
    try:
        mailbox.prepare(share, database_id, state.laptop_id)
    except CannotWriteFile as exc:
        raise SyncProblem(str(exc)) from exc
    return _Run(db, share, database_id, key, now, progress, state)


def _is_older_copy(share: Path, database_id: str, key: bytes, state: LocalState) -> bool:
    """Files in this laptop's own folder that this database never wrote: only whole, authentic
    ones count (a placeholder or a stray empty file left by a sync service does not make this
    laptop a copy of itself)."""
    own = mailbox.laptop_folder(share, database_id, state.laptop_id)
    written = [
        seq
        for seq, path in mailbox.change_files(own).files
        if seq > state.own_sequence and _written_by(key, path, database_id, state.laptop_id)
    ]
    mine = laptop_states.read(key, share, database_id, state.laptop_id)
    if mine is not None:
        written.append(mine.own_sequence)
    return identity.is_older_copy(state.own_sequence, written)


def _written_by(key: bytes, path: Path, database_id: str, laptop: str) -> bool:
    try:
        header, _content = open_sealed(key, path.read_bytes())
    except (Unreadable, OSError):
        return False
    return header.get("laptop") == laptop and header.get("database_id") == database_id


PRE_SHARING_COPY = (
    "This copy of the database was made before it started sharing with other laptops, so it "
    "cannot join them: changes made before then were never sent. Nothing was changed. On a "
    "laptop that already shares, use File, Back up now; copy that backup here, restore it, and "
    "choose the shared folder again."
)


def _first_identity(db: Database, others: list[str]) -> LocalState:
    """The first sync of a database that has never shared. When it is the first laptop in the
    folder, everything it holds is the starting point every other laptop copies (they join from
    a backup of it), so nothing is sent of it. When other laptops already share this database,
    it is a copy made before sharing began, and cannot join."""
    if others:
        raise SyncProblem(PRE_SHARING_COPY)
    return _become_new_laptop(db, None, forget_pending=True)


def settle_identity(db: Database) -> None:
    """On opening: a copy of a laptop that shares (or a database whose folder moved) becomes a
    laptop of its own at once. What it has not sent yet it keeps, and sends as its own: for a
    moved folder these are its own changes; for a copy, the same changes the other laptop sends
    too, dated the same, which merge to nothing new."""
    state = local_state.load(db.connection())
    if state is not None and not identity.owns(state.laptop_id, db.folder):
        _become_new_laptop(db, state, forget_pending=False)


def _become_new_laptop(
    db: Database, previous: LocalState | None, *, forget_pending: bool
) -> LocalState:
    with db.transaction() as tx:
        state = local_state.new_laptop(previous, audit_repo.last_position(tx))
        if previous is None:  # named before its first sync
            state = replace(state, laptop_name=local_state.chosen_name(tx) or state.laptop_name)
        if forget_pending:
            engine.forget_pending(tx)
        outbox_repo.clear(tx)
        local_state.save(tx, state)
    identity.claim(state.laptop_id, db.folder)
    return state


# Receiving --------------------------------------------------------------------------------


def _refuse_newer(run: _Run, others: list[str]) -> None:
    """An older PeerLog applies nothing at all when any laptop writes a newer format."""
    for laptop in others:
        for _sequence, path in _unapplied(run, laptop):
            try:
                with path.open("rb") as f:
                    header = read_header(f.read(4096))
            except (Unreadable, OSError):
                continue
            version = header.get("format_version")
            ours = header.get("database_id") == run.database_id and header.get("laptop") == laptop
            if ours and isinstance(version, int) and version > FORMAT_VERSION:
                raise SyncProblem(NEWER_PEERLOG)


def _unapplied(run: _Run, laptop: str) -> list[tuple[int, Path]]:
    folder = mailbox.laptop_folder(run.share, run.database_id, laptop)
    found = mailbox.change_files(folder)
    for name in found.conflicted:
        run.skipped.append(
            f"Skipped “{name}”: a copy the sync service made when two copies of a file met. "
            "PeerLog does not need it; it can be deleted."
        )
    done = run.state.applied.get(laptop, 0)
    return [(seq, path) for seq, path in found.files if seq > done]


def _receive(run: _Run, laptop: str, known: laptop_states.LaptopState | None) -> None:
    files = dict(_unapplied(run, laptop))
    name = run.tallies[laptop].name or "another laptop"
    while True:
        wanted = run.state.applied.get(laptop, 0) + 1
        path = files.pop(wanted, None)
        if path is None:
            if known is not None and known.compacted_through >= wanted:
                run.skipped.append(
                    f"This copy of the database is older than the changes {name} still keeps, "
                    "so it cannot catch up. Join again from a newer backup of another laptop."
                )
            return
        batch = _open(run, path, name)
        if batch is None:
            return
        if not (
            batch.laptop == laptop
            and batch.sequence == wanted
            and batch.database_id == run.database_id
        ):
            run.skipped.append(f"Skipped a change file from {name} that is not where it belongs.")
            return
        run.tallies[laptop].name = batch.laptop_name
        name = batch.laptop_name
        if not delivery.has_seen_all(batch, run.state.applied, run.state.laptop_id):
            run.skipped.append(
                f"Some changes from {name} wait for another laptop's changes that have not "
                "arrived in the shared folder yet; they will be applied then."
            )
            return
        if delivery.is_from_the_future(batch, run.now_ms):
            run.skipped.append(
                f"Changes from {name} are dated more than a day ahead: that laptop's clock is "
                "wrong. Set its date and time correctly; its changes will be applied then."
            )
            return
        if _hold(run, batch):
            return
        _apply(run, batch)
        run.progress(batch.sequence, max(files, default=batch.sequence), f"Changes from {name}")


def _open(run: _Run, path: Path, name: str) -> ChangeBatch | None:
    try:
        _header, content = open_sealed(run.key, path.read_bytes())
        return batch_from_data(json.loads(content))
    except (Unreadable, OSError, ValueError, MalformedBatch):
        run.skipped.append(
            f"A change file from {name} is not complete yet (the sync service may still be "
            "copying it). It will be tried again next time."
        )
        return None


def _hold(run: _Run, batch: ChangeBatch) -> bool:
    conn = run.db.connection()
    if f"{batch.laptop}:{batch.sequence}" in local_state.confirmed_removals(conn):
        return False
    removals, records = engine.removals(conn, batch)
    if not delivery.should_hold(removals, records):
        return False
    run.held.append(HeldBatch(batch.laptop, batch.laptop_name, batch.sequence, removals, records))
    return True


def _apply(run: _Run, batch: ChangeBatch) -> None:
    with run.db.transaction() as tx:
        applied = engine.apply_batch(tx, batch, run.now_ms)
        received_audit_repo.add(tx, batch.laptop, batch.audit)
        if batch.changes:
            event = AuditEvent(Action.CHANGES_RECEIVED, "laptop", batch.laptop)
            audit_repo.append(tx, utc_now(), current_user_id(run.db), [event])
        run.state = local_state.with_applied(run.state, batch.laptop, batch.sequence)
        local_state.save(tx, run.state)
        local_state.remember_name(tx, batch.laptop, batch.laptop_name)
    tally = run.tallies[batch.laptop]
    tally.added.update(applied.added)
    tally.updated.update(applied.updated)
    tally.removed.update(applied.removed)
    run.new_conflicts += applied.new_conflicts


def _tally(run: _Run, laptop: str, name: str) -> None:
    run.tallies.setdefault(laptop, _Tally(name=name))


# Sending ----------------------------------------------------------------------------------


def _send(run: _Run) -> int:
    """Take this laptop's changes into a new batch in the outbox; how many changes it holds."""
    with run.db.transaction() as tx:
        state = run.state
        sequence = state.own_sequence + 1
        changes = engine.take_pending(tx, state.laptop_id, sequence, run.now_ms)
        audit = [
            AuditCopy(
                e.seq,
                e.at,
                e.user_id,
                e.action,
                e.record_kind,
                e.record_id,
                e.previous_hash,
                e.hash,
            )
            for e in audit_repo.entries_after(tx, state.audit_sent)
        ]
        if not changes and not audit:
            return 0
        batch = ChangeBatch(
            database_id=run.database_id,
            laptop=state.laptop_id,
            laptop_name=state.laptop_name,
            sequence=sequence,
            written_at=run.now.isoformat(timespec="seconds"),
            seen=state.seen(),
            changes=changes,
            audit=tuple(audit),
        )
        outbox_repo.add(tx, sequence, batch.written_at, _content(batch))
        run.state = LocalState(
            state.laptop_id,
            state.laptop_name,
            sequence,
            state.applied,
            audit[-1].position if audit else state.audit_sent,
        )
        local_state.save(tx, run.state)
    return len(changes)


def _content(batch: ChangeBatch) -> bytes:
    return json.dumps(batch_to_data(batch), separators=(",", ":")).encode()


def _publish(run: _Run, rewrite: set[int] | None = None) -> None:
    """Write every outbox batch missing from the shared folder (and those in `rewrite`)."""
    own = mailbox.laptop_folder(run.share, run.database_id, run.state.laptop_id)
    conn = run.db.connection()
    for sequence in outbox_repo.sequences(conn):
        path = own / mailbox.change_file_name(sequence)
        whole = path.is_file() and _written_by(run.key, path, run.database_id, run.state.laptop_id)
        if whole and sequence not in (rewrite or set()):
            continue  # there, whole (one emptied or damaged by a sync service is written again)
        content = outbox_repo.content(conn, sequence)
        if content is None:
            continue
        header = {
            "what": "changes",
            "database_id": run.database_id,
            "laptop": run.state.laptop_id,
            "sequence": sequence,
            "format_version": FORMAT_VERSION,
        }
        try:
            mailbox.write_file(path, seal(run.key, header, content))
        except CannotWriteFile as exc:
            raise SyncProblem(
                f"{exc} Your changes are safe on this laptop and will be sent next time."
            ) from exc


# Tidying ----------------------------------------------------------------------------------


def _wipe_erased(run: _Run) -> None:
    """Nothing of an erased person stays in this laptop's batches: the store trims the outbox
    when the person is erased (here or on another laptop); this writes every batch still in the
    shared folder again from it (the erasure itself travels on)."""
    conn = run.db.connection()
    fresh = engine.erased_subjects(conn) - local_state.wiped_erasures(conn)
    if not fresh:
        return
    _publish(run, set(outbox_repo.sequences(conn)))
    with run.db.transaction() as tx:
        local_state.note_wiped(tx, fresh)


def _compact(run: _Run, seen_by_others: list[dict[str, int]], others: int) -> None:
    """Remove this laptop's batches every other known laptop has applied, once they are a few
    weeks old (a sync service may show a laptop's folder late; a laptop may join from a recent
    backup)."""
    if not others or len(seen_by_others) < others:
        return
    through = delivery.compactable_through(seen_by_others, run.state.laptop_id)
    settled = (run.now - delivery.KEEP_FILES).isoformat(timespec="seconds")
    through = min(through, outbox_repo.written_before(run.db.connection(), settled))
    if through <= 0:
        return
    own = mailbox.laptop_folder(run.share, run.database_id, run.state.laptop_id)
    old = [p for seq, p in mailbox.change_files(own).files if seq <= through]
    try:
        mailbox.remove_files(old)
    except CannotWriteFile:
        return  # tried again next time
    with run.db.transaction() as tx:
        outbox_repo.remove_through(tx, through)
        local_state.note_compacted(tx, through)


def _write_state(run: _Run) -> None:
    state = laptop_states.LaptopState(
        name=run.state.laptop_name,
        written_at=run.now.isoformat(timespec="seconds"),
        own_sequence=run.state.own_sequence,
        seen=run.state.seen(),
        compacted_through=local_state.compacted_through(run.db.connection()),
    )
    try:
        laptop_states.write(run.key, run.share, run.database_id, run.state.laptop_id, state)
    except CannotWriteFile as exc:
        raise SyncProblem(str(exc)) from exc
    with run.db.transaction() as tx:
        local_state.note_synced(tx, run.now.isoformat(timespec="seconds"))
