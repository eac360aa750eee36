"""Sync between laptops: applying a month of another laptop's changes, a laptop joining the
stress database and catching up, and how large a busy group's change files grow in a year.

`python -m benchmarks.sync_figures` alone, or as part of `make bench`. The joining laptop runs
in a child process, so its peak memory is its own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import PEAK_KIB, Figure, ms, verdict
from benchmarks.stress_db import PASSPHRASE, ensure_stress_database
from desktop_app.domain.listing import Page
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import databases, people, sessions, sync
from desktop_app.store.database import Database, passphrase_unlocker

MONTH_SESSIONS = 400
MONTH_ATTENDANCES = 3000
MONTH_TARGET_SECONDS = 1.0
JOIN_TARGET_SECONDS = 60.0
FIRST_DAY = date(2026, 10, 1)


def log_a_month(db: Database, attendees: list[str]) -> None:
    """400 sessions and 3,000 attendances: a very busy month for one organisation."""
    per_session, extra = divmod(MONTH_ATTENDANCES, MONTH_SESSIONS)
    at = 0
    for n in range(MONTH_SESSIONS):
        size = per_session + (1 if n < extra else 0)
        chosen = tuple(attendees[(at + i) % len(attendees)] for i in range(size))
        at += size
        held_on = FIRST_DAY + timedelta(days=n % 30)
        sessions.log_session(db, Session(held_on, "group", attendee_ids=chosen))


def _change_files_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.peerlog-changes"))


def month_figures(work: Path) -> list[Figure]:
    folder = work / "shared"
    folder.mkdir()
    coordinator = databases.create_database(work / "a" / "Group.peerlog", "Group", PASSPHRASE)
    db = coordinator.database
    everyone = [people.add_person(db, Person(f"Person {i}")).id for i in range(300)]
    sync.sync_now(db, folder=folder)
    backup = work / "lead.peerlog-backup"
    db.backup_to(backup)
    lead_path = work / "b" / "Group.peerlog"
    databases.restore_database(backup, lead_path, passphrase_unlocker(PASSPHRASE))
    lead = databases.open_database(lead_path, PASSPHRASE)
    sync.sync_now(lead, folder=folder)
    lead.close()
    before = _change_files_bytes(folder)
    log_a_month(db, everyone)
    started = time.perf_counter()
    sync.sync_now(db, folder=folder)
    sent = time.perf_counter() - started
    month_bytes = _change_files_bytes(folder) - before
    db.close()
    pristine = work / "b-before"
    shutil.copytree(lead_path, pristine)

    def apply_month() -> None:
        shutil.rmtree(lead_path)
        shutil.copytree(pristine, lead_path)
        lead = databases.open_database(lead_path, PASSPHRASE)
        started = time.perf_counter()
        sync.sync_now(lead, folder=folder)
        timings.append(time.perf_counter() - started)
        lead.close()

    timings: list[float] = []
    for _ in range(3):
        apply_month()
    applied = sorted(timings)[1]
    return [
        Figure("sync: send a month (400 sessions, 3,000 attendances)", ms(sent), "—"),
        Figure(
            "sync: apply that month on another laptop",
            ms(applied),
            f"< {MONTH_TARGET_SECONDS:.0f} s",
            verdict(applied < MONTH_TARGET_SECONDS),
        ),
        Figure(
            "sync: change files for that month (a year: ×12)",
            f"{month_bytes / 1e6:.2f} MB (a year ≈ {12 * month_bytes / 1e6:.0f} MB)",
            "—",
        ),
    ]


JOIN_SCRIPT = (
    PEAK_KIB
    + """
import json, sys, time
from pathlib import Path
from desktop_app.services import databases, sync
from desktop_app.store.database import passphrase_unlocker
backup, target, folder, passphrase = sys.argv[1:5]
started = time.perf_counter()
databases.restore_database(Path(backup), Path(target), passphrase_unlocker(passphrase))
db = databases.open_database(Path(target), passphrase)
sync.sync_now(db, folder=Path(folder))
db.close()
print(json.dumps({"seconds": time.perf_counter() - started, "peak_kib": peak_kib()}))
"""
)


def join_figures(work: Path, stress: Path) -> list[Figure]:
    folder = work / "shared-stress"
    folder.mkdir()
    coordinator_path = work / "stress-coordinator" / stress.name
    shutil.copytree(stress, coordinator_path)
    db = databases.open_database(coordinator_path, PASSPHRASE)
    sync.sync_now(db, folder=folder)  # the coordinator starts sharing its ten years
    backup = work / "stress.peerlog-backup"
    db.backup_to(backup)
    attendees = [p.id for p in people.list_people(db, page=Page(limit=300)).rows]
    log_a_month(db, attendees)
    sync.sync_now(db, folder=folder)
    db.close()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            JOIN_SCRIPT,
            str(backup),
            str(work / "joiner" / stress.name),
            str(folder),
            PASSPHRASE,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    seconds, peak = float(result["seconds"]), int(result["peak_kib"]) / 1024
    return [
        Figure(
            "sync: a laptop joins the stress database from a backup and catches up a month",
            ms(seconds),
            f"< {JOIN_TARGET_SECONDS:.0f} s",
            verdict(seconds < JOIN_TARGET_SECONDS),
        ),
        Figure("sync: peak memory of the joining laptop", f"{peak:.0f} MiB", "bounded", ""),
    ]


def measure(stress: Path) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="peerlog-sync-bench-") as tmp:
        work = Path(tmp)
        return month_figures(work) + join_figures(work, stress)


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure(ensure_stress_database()))
