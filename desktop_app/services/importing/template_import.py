"""Importing the PeerLog template: check everything, then write all of it or nothing.

`preview_import` reads and checks a source and says what an import would do (how many records
added, updated or already as they are) and every problem. `run_import` does the same inside one
write transaction and, only when there is no problem at all, writes everything; a problem, an
error or a cancel leaves the database exactly as it was. Both call `progress` as they go and
stop when `cancelled()` turns true.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from desktop_app.domain.importing.mapping import Mapping
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import ParsedRow, ambiguous_dates, parse_row, read_header
from desktop_app.domain.importing.template import SheetName
from desktop_app.domain.outcomes.change import OutcomeRecord
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import Change, change, require
from desktop_app.services.importing.file_limits import MAX_ROWS, too_many_rows
from desktop_app.services.importing.mapping import mapped_source
from desktop_app.services.importing.plan import Planner
from desktop_app.services.importing.results import ImportPlan, ParsedTables, RecordCount
from desktop_app.services.importing.source_tables import SourceTable, UnreadableRows
from desktop_app.services.importing.sources import open_source
from desktop_app.services.safeguarding import AUDIT_KIND
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.errors import StoreError
from desktop_app.store.records import (
    case_studies_repo,
    hours_repo,
    outcomes_repo,
    people_repo,
    referrals_repo,
    safeguarding_repo,
    sessions_repo,
    volunteers_repo,
)

log = logging.getLogger(__name__)

BATCH = 1000  # rows between progress reports and cancel checks while writing
CHECK_EVERY = 500
PROBLEMS_KEPT = 1000  # a file wrong on every row still gives a list one can read
PROBLEMS_HELD = 10 * PROBLEMS_KEPT  # while reading; the rest are only counted
RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class ImportProgress:
    stage: str  # "Reading people.csv", "Checking", "Writing"
    done: int
    total: int  # 0: not known


Progress = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a preview, would do), and every problem found."""

    counts: tuple[RecordCount, ...]
    problems: tuple[ImportProblem, ...]
    written: bool = False
    more_problems: int = 0  # problems beyond the first PROBLEMS_KEPT, not listed

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> list[str]:
        """One line per record type: "people: 12 added, 3 updated, 40 already up to date"."""
        lines = []
        for c in self.counts:
            parts = [f"{c.added} added", f"{c.updated} updated"]
            if c.unchanged:
                parts.append(f"{c.unchanged} already up to date")
            lines.append(f"{c.what}: {', '.join(parts)}")
        return lines


class ImportRefused(StoreError):
    """The source has problems; nothing was written. `report.problems` lists them all."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        count = len(report.problems) + report.more_problems
        super().__init__(
            f"Nothing was imported: {count} problem{'s' if count != 1 else ''} to fix first."
        )


class ImportCancelled(StoreError):
    default_message = "The import was cancelled. Nothing was imported."


@dataclass
class _Run:
    progress: Progress | None
    cancelled: Callable[[], bool] | None
    stage: str = ""
    done: int = 0
    total: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    dropped: int = 0  # problems beyond PROBLEMS_HELD, counted but not kept

    def note(self, problems: Sequence[ImportProblem]) -> None:
        room = max(0, PROBLEMS_HELD - len(self.problems))
        self.problems += problems[:room]
        self.dropped += max(0, len(problems) - room)

    def start(self, stage: str, total: int) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self.check()
        self.report()

    def tick(self, amount: int = 1) -> None:
        self.done += amount
        if self.done % CHECK_EVERY < amount:
            self.check()
            self.report()

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()

    def report(self) -> None:
        if self.progress is not None:
            self.progress(ImportProgress(self.stage, min(self.done, self.total), self.total))


def preview_import(
    db: Database,
    source: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    mapping: Mapping | None = None,
) -> ImportReport:
    """What importing `source` would do, and every problem; nothing is written. With a
    `mapping`, `source` is anyone's spreadsheet, read through it."""
    require(db, Permission.LOG_RECORDS)
    run = _Run(progress, cancelled)
    tables = _read(source, run, mapping)
    conn = db.connection()
    conn.execute("BEGIN")  # one consistent view of the database while matching
    try:
        plan = _plan(db, conn, tables, run)
    finally:
        conn.execute("ROLLBACK")
    return _report(plan, run, written=False)


def run_import(
    db: Database,
    source: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    mapping: Mapping | None = None,
) -> ImportReport:
    """Import `source` in one transaction. Raises ImportRefused (with every problem) or
    ImportCancelled, having written nothing."""
    require(db, Permission.LOG_RECORDS)
    run = _Run(progress, cancelled)
    tables = _read(source, run, mapping)
    with change(db, Permission.LOG_RECORDS) as work:
        plan = _plan(db, work.conn, tables, run)
        report = _report(plan, run, written=True)
        if not report.ok:
            raise ImportRefused(report)
        _write(work.conn, plan, run)
        _audit(work, plan)
        run.check()  # the last chance to cancel, before COMMIT
    db.save_point()  # into peerlog.db itself, not only its write-ahead log
    log.info("Import written: %d records", plan.writes)
    return report


def _read(source: Path, run: _Run, mapping: Mapping | None) -> ParsedTables:
    rows: dict[SheetName, list[ParsedRow]] = {}
    bad: dict[SheetName, set[str]] = {}
    with open_source(source) if mapping is None else mapped_source(source, mapping) as opened:
        run.note(opened.problems)
        for table in opened.tables:
            rows[table.sheet.name], bad[table.sheet.name] = _read_table(table, run)
    return ParsedTables(rows, bad)


def _read_table(table: SourceTable, run: _Run) -> tuple[list[ParsedRow], set[str]]:
    """The rows without problems, and the references of those with problems."""
    run.start(f"Reading {table.source}", table.size)
    good: list[ParsedRow] = []
    bad: set[str] = set()
    month_first: dict[str, int] = {}  # date column -> a row whose date is only month first
    header = None
    try:
        for number, cells in table.rows():
            if number > MAX_ROWS + 1:  # the row of headings, then the rows
                run.note([ImportProblem(table.source, None, "", "", too_many_rows("This sheet"))])
                return [], bad
            run.tick()
            if header is None:
                if all(str(c or "").strip() == "" for c in cells):
                    continue  # blank rows above the headings
                header, problems = read_header(table.sheet, table.source, cells, number)
                run.note(problems)
                if problems and len(header.positions) < len(table.sheet.required):
                    return [], bad  # without its required headings no row can be read
                continue
            row, problems = parse_row(header, number, cells)
            if row is None:
                continue
            for column in row.month_first:
                month_first.setdefault(column, number)
            if problems:
                run.note(problems)
                bad.add(row.text("ref").casefold())
            else:
                good.append(row)
    except UnreadableRows as stop:
        run.note([stop.problem])
    if header is None:
        run.note([ImportProblem(table.source, None, "", "", "There is no row of headings.")])
    ambiguous = ambiguous_dates(good, month_first)
    if ambiguous:
        run.note(ambiguous)
        unclear = {(p.row) for p in ambiguous}
        bad |= {r.text("ref").casefold() for r in good if r.number in unclear}
        good = [r for r in good if r.number not in unclear]
    return good, bad


def _plan(db: Database, conn: Connection, tables: ParsedTables, run: _Run) -> ImportPlan:
    total = sum(len(rows) for rows in tables.rows.values())
    run.start("Checking", total)
    namespace = db.setting("database_id") or ""
    plan = Planner(conn, namespace, date.today(), run.tick).make(tables)
    plan.problems[:0] = run.problems
    return plan


def _report(plan: ImportPlan, run: _Run, written: bool) -> ImportReport:
    order = (
        "people",
        "volunteers",
        "training",
        "sessions",
        "attendance",
        "onward referrals",
        "volunteer hours",
        "case studies",
        "outcomes",
        "referrals received",
        "safeguarding concerns",
        "safeguarding actions",
    )
    counts = tuple(plan.counts[what] for what in order if what in plan.counts)
    problems = sorted(plan.problems, key=lambda p: (p.source, p.row or 0))
    return ImportReport(
        counts,
        tuple(problems[:PROBLEMS_KEPT]),
        written,
        max(0, len(plan.problems) - PROBLEMS_KEPT) + run.dropped,
    )


def _write(conn: Connection, plan: ImportPlan, run: _Run) -> None:
    run.start("Writing", plan.writes)
    now = utc_now()
    _batched(plan.people.new, lambda batch: people_repo.insert_people(conn, batch, now), run)
    _each(plan.people.changed, lambda p: people_repo.update_person(conn, p, now), run)
    _batched(
        plan.volunteers.new, lambda batch: volunteers_repo.insert_volunteers(conn, batch, now), run
    )
    _each(plan.volunteers.changed, lambda v: volunteers_repo.update_volunteer(conn, v, now), run)
    _batched(plan.sessions.new, lambda batch: sessions_repo.insert_sessions(conn, batch, now), run)
    _each(plan.sessions.changed, lambda s: sessions_repo.update_session(conn, s, now), run)
    _batched(plan.hours.new, lambda batch: hours_repo.insert_hours(conn, batch, now), run)
    _each(plan.hours.changed, lambda h: hours_repo.update_hours(conn, h, now), run)
    _batched(
        plan.case_studies.new,
        lambda batch: case_studies_repo.insert_case_studies(conn, batch, now),
        run,
    )
    _each(
        plan.case_studies.changed,
        lambda s: case_studies_repo.update_case_study(conn, s, now),
        run,
    )
    _each(plan.outcomes.new, lambda o: outcomes_repo.insert_outcome(conn, o, now), run)
    _each(plan.outcomes.changed, lambda o: _replace_outcome(conn, o, now), run)
    _batched(
        plan.referrals_received.new,
        lambda batch: referrals_repo.insert_referrals(conn, batch, now),
        run,
    )
    _each(
        plan.referrals_received.changed,
        lambda r: referrals_repo.update_referral(conn, r, now),
        run,
    )
    _batched(
        plan.concerns.new, lambda batch: safeguarding_repo.insert_concerns(conn, batch, now), run
    )
    _each(plan.concerns.changed, lambda c: safeguarding_repo.update_concern(conn, c, now), run)


def _replace_outcome(conn: Connection, record: OutcomeRecord, now: str) -> None:
    """A form corrected by an import: the record keeps its id (the store has no update)."""
    outcomes_repo.delete_outcome(conn, record.id)
    outcomes_repo.insert_outcome(conn, record, now)


def _audit(work: Change, plan: ImportPlan) -> None:
    """One entry per record added or changed (never what it says), and one for the import."""
    for kind, changes in (
        ("person", plan.people),
        ("volunteer", plan.volunteers),
        ("session", plan.sessions),
        ("volunteer hours", plan.hours),
        ("case study", plan.case_studies),
        ("outcome", plan.outcomes),
        ("referral", plan.referrals_received),
        (AUDIT_KIND, plan.concerns),
    ):
        work.record(Action.CREATE, kind, *(r.id for r in changes.new))
        work.record(Action.CHANGE, kind, *(r.id for r in changes.changed))
    work.record_unnamed(Action.IMPORT)


def _batched(
    records: Sequence[RecordT], write: Callable[[Sequence[RecordT]], None], run: _Run
) -> None:
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        write(batch)
        run.tick(len(batch))


def _each(records: Sequence[RecordT], write: Callable[[RecordT], None], run: _Run) -> None:
    for record in records:
        write(record)
        run.tick()
