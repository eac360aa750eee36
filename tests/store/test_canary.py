"""A unique string written into the database appears in no file PeerLog writes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.store.helpers import run_python

CANARY = "Zq7CanaryXylophoneOrg"

CHILD = f"""
import sys
from pathlib import Path
from desktop_app.cli import main
from desktop_app.store.database import Database
from desktop_app.services import databases

root = Path(sys.argv[1])
assert main(["init", "--db", str(root / "Canary"), "--organisation", {CANARY!r}]) == 0
db = databases.open_database(root / "Canary.peerlog", {PASSPHRASE!r})
db.set_setting("note", {CANARY!r} * 50)
with db.transaction() as conn:
    conn.execute("CREATE TABLE t (body TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [({CANARY!r} + str(i),) for i in range(500)])
db.backup_to(root / "out" / "canary.peerlog-backup")
print("open", flush=True)
sys.stdin.readline()          # the parent scans while the database is open, WAL and all
db.close()
assert main(["check", "--db", str(root / "Canary.peerlog")]) == 0
folder = str(root / "Canary.peerlog")
assert main(["backup", "--db", folder, "--out", str(root / "out" / "b2")]) == 0
print("done", flush=True)
"""


def _files_containing(root: Path, needle: str) -> list[str]:
    patterns = [needle.encode("utf-8"), needle.encode("utf-16-le")]
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(p in data for p in patterns):
                found.append(str(path.relative_to(root)))
    return found


def test_canary_is_in_no_file_written(tmp_path: Path) -> None:
    temp_dir = tmp_path / "tmp"
    home = tmp_path / "home"
    temp_dir.mkdir()
    env = {
        "TMPDIR": str(temp_dir),
        "PEERLOG_HOME": str(home),
        "PEERLOG_PASSPHRASE": PASSPHRASE,
    }
    child = run_python(CHILD, str(tmp_path), env=env, stdin=subprocess.PIPE)
    assert child.stdout is not None and child.stdin is not None
    try:
        while (line := child.stdout.readline()) and line.strip() != "open":
            assert CANARY not in line
        assert line.strip() == "open", "the child stopped before opening the database"
        written_while_open = sorted(p.name for p in (tmp_path / "Canary.peerlog").iterdir())
        assert "peerlog.db-wal" in written_while_open
        assert _files_containing(tmp_path, CANARY) == []
    finally:
        out, err = child.communicate("\n", timeout=120)
    assert "done" in out, err
    assert CANARY not in out and CANARY not in err
    assert (home / "logs" / "peerlog.log").exists()
    assert list((tmp_path / "out").iterdir())
    assert _files_containing(tmp_path, CANARY) == []
