"""Import 100,000 rows: time and peak memory, for a CSV folder and an .xlsx workbook.

    python -m benchmarks.import_100k [csv|xlsx|both]

Writes 10,000 people, 100 volunteers, 30,000 sessions and 59,900 attendances (100,000 rows in
all) into a temporary folder, then, each in a fresh process for an honest peak memory: checks
them (preview), imports them into an empty database, and imports them again (all matched).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from benchmarks.common import PEAK_KIB

ROOT = Path(__file__).resolve().parent.parent
PEOPLE, VOLUNTEERS, SESSIONS = 10_000, 100, 30_000
ATTENDANCES = 100_000 - PEOPLE - VOLUNTEERS - SESSIONS


def tables() -> dict[str, list[list[Any]]]:
    start = date(2015, 1, 1)
    people: list[list[Any]] = [["ref", "known_as", "year_of_birth", "gender", "first_contact"]] + [
        [f"P-{n}", f"Person {n}", 1950 + n % 50, "woman" if n % 2 else "man", "2015-01-01"]
        for n in range(PEOPLE)
    ]
    volunteers: list[list[Any]] = [["ref", "known_as", "started_on"]] + [
        [f"V-{n}", f"Volunteer {n}", "2014-06-01"] for n in range(VOLUNTEERS)
    ]
    sessions: list[list[Any]] = [
        ["ref", "held_on", "kind", "minutes", "facilitators", "topics"]
    ] + [
        [
            f"S-{n}",
            (start + timedelta(days=n % 3000)).isoformat(),
            "group",
            90,
            f"V-{n % VOLUNTEERS}",
            "Sleep;Money worries",
        ]
        for n in range(SESSIONS)
    ]
    attendance: list[list[Any]] = [["session_ref", "person_ref"]] + [
        [f"S-{n % SESSIONS}", f"P-{(n * 7 + n // SESSIONS) % PEOPLE}"] for n in range(ATTENDANCES)
    ]
    return {
        "people": people,
        "volunteers": volunteers,
        "sessions": sessions,
        "attendance": attendance,
    }


def write_sources(folder: Path) -> tuple[Path, Path]:
    csv_folder = folder / "csv"
    csv_folder.mkdir()
    book = Workbook(write_only=True)
    for name, rows in tables().items():
        with (csv_folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook = folder / "records.xlsx"
    book.save(workbook)
    return csv_folder, workbook


CHILD = (
    PEAK_KIB
    + """
import os, sys, time
from pathlib import Path
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.importing.template_import import preview_import, run_import
action, db_path, source = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if action == "create":
    db = create_database(db_path, "Benchmark", "benchmark passphrase").database
else:
    db = open_database(db_path, "benchmark passphrase")
start = time.perf_counter()
report = (preview_import if action == "preview" else run_import)(db, source)
took = time.perf_counter() - start
db.close()
peak = peak_kib() / 1024
print(f"{took:.1f} s, peak {peak:.0f} MB; " + "; ".join(report.summary()))
"""
)


def run(action: str, db_path: Path, source: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEERLOG_FAST_KDF": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, action, str(db_path), str(source)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "both"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PEERLOG_HOME"] = str(folder / "home")
        started = time.perf_counter()
        csv_folder, workbook = write_sources(folder)
        print(f"Wrote 100,000 rows as CSV and .xlsx in {time.perf_counter() - started:.1f} s")
        sources = {"csv": csv_folder, "xlsx": workbook}
        for kind in ("csv", "xlsx") if which == "both" else (which,):
            db_path = folder / f"{kind}.peerlog"
            print(f"{kind} into an empty database: {run('create', db_path, sources[kind])}")
            print(f"{kind} check again (preview): {run('preview', db_path, sources[kind])}")
            print(f"{kind} import again: {run('import', db_path, sources[kind])}")


if __name__ == "__main__":
    main()
