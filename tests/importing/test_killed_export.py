"""An export killed part way leaves nothing readable behind for good: openpyxl's temporary
files go into PeerLog's private scratch folder, never the system's temporary folder, and the
next PeerLog to start removes them and the hidden .partial export."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.domain.sessions import Session
from desktop_app.services import people, sessions
from desktop_app.services.databases import create_database
from tests.conftest import PASSPHRASE
from tests.store.helpers import PROJECT_ROOT

CANARY = "Canary-Note-4f1c9"
# Runs the command line, killing itself (SIGKILL: no clean-up runs) as it writes the second
# row of a sheet: a crash at a known step instead of at a random time.
KILLED_AT = """
import os, signal, sys
from desktop_app.services.importing import export_all
real = export_all._Steps.rows
def rows(self, conn, sheet):
    for number, row in enumerate(real(self, conn, sheet)):
        if sheet.name == sys.argv[1] and number == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        yield row
export_all._Steps.rows = rows
from desktop_app.cli import main
sys.exit(main(sys.argv[2:]))
"""


def run(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*"))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("format", ["xlsx", "csv"])
@pytest.mark.parametrize("sheet", ["people", "sessions"])
def test_a_killed_export_leaves_nothing_readable_once_peerlog_starts_again(
    tmp_path: Path, peerlog_home: Path, format: str, sheet: str
) -> None:
    db = create_database(tmp_path / "Group", "Group", PASSPHRASE).database
    for number in range(3):
        people.add_person(db, Person(f"Person {number}", notes=CANARY))
        sessions.log_session(
            db, Session(date(2025, 1, 6), "group", anonymous_headcount=4, notes=CANARY)
        )
    db.close()
    system_tmp = tmp_path / "system-tmp"
    out = tmp_path / "out"
    system_tmp.mkdir()
    out.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(system_tmp),
        "PEERLOG_PASSPHRASE": PASSPHRASE,
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    db_path = tmp_path / "Group.peerlog"
    export = ["export-all", "--db", db_path, "--out", out, "--format", format]
    killed = run("-c", KILLED_AT, sheet, *export, env=env)
    assert killed.returncode == -9, killed.stderr
    assert files_under(system_tmp) == []  # nothing in the system's temporary folder, ever
    left = files_under(out)
    assert all(".partial" in p.parts[-1] or ".partial" in p.parent.name for p in left)
    scratch = peerlog_home / "scratch"
    if format == "xlsx":  # openpyxl's temporary sheet files, in PeerLog's own folder
        assert any(p.is_file() for p in files_under(scratch))
    else:  # the hidden folder of CSV files being written
        assert left

    started_again = run(PROJECT_ROOT / "main.py", "template", "--out", tmp_path / "t.xlsx", env=env)
    assert started_again.returncode == 0, started_again.stderr
    assert files_under(out) == []
    assert files_under(scratch) == []
    assert files_under(system_tmp) == []

    finished = run(PROJECT_ROOT / "main.py", *export, env=env)
    assert finished.returncode == 0, finished.stderr
    [written] = files_under(out)[:1]
    assert not written.name.startswith(".")
    assert files_under(system_tmp) == [] and files_under(scratch) == []
