"""SIGKILL at random moments: every acknowledged commit survives, and the secrets never break."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import WrongRecoveryCode, WrongSecret
from tests.conftest import PASSPHRASE
from tests.store.helpers import run_python

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WRITER = f"""
import sys
from pathlib import Path
from desktop_app.store.database import Database
db = Database.open(Path(sys.argv[1]), {PASSPHRASE!r})
conn = db.connection()
start = int(conn.execute("SELECT coalesce(max(n), 0) FROM acked").fetchone()[0]) + 1
print("ready", flush=True)
n = start
while True:
    with db.transaction() as tx:
        tx.execute("INSERT INTO acked(n, body) VALUES (?, ?)", (n, "x" * (n % 3000)))
    print(n, flush=True)
    n += 1
"""


def _kill_after(child: subprocess.Popen[str], delay: float) -> list[str]:
    """Wait for 'ready', sleep `delay`, SIGKILL; return every line the child printed."""
    assert child.stdout is not None
    lines = [child.stdout.readline().strip()]
    assert lines[0] == "ready", child.stderr.read() if child.stderr else ""
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    rest, _err = child.communicate(timeout=30)
    return lines + rest.split("\n")


@pytest.mark.slow
def test_acknowledged_commits_survive_sigkill(created: CreatedDatabase) -> None:
    db = created.database
    with db.transaction() as conn:
        conn.execute("CREATE TABLE acked (n INTEGER PRIMARY KEY, body TEXT)")
    folder = db.folder
    db.close()
    rng = random.Random(20261122)
    acknowledged: set[int] = set()
    for _round in range(50):
        child = run_python(WRITER, str(folder))
        lines = _kill_after(child, rng.uniform(0.0, 0.25))
        # the last line may be cut mid-print; only whole numbers count as acknowledged
        acknowledged |= {int(x) for x in lines[1:-1] if x.isdigit()}
        db = Database.open(folder, PASSPHRASE)
        assert db.verify() == []
        stored = {int(r[0]) for r in db.connection().execute("SELECT n FROM acked")}
        db.close()
        missing = acknowledged - stored
        assert not missing, f"acknowledged rows lost: {sorted(missing)[:10]}"
    assert len(acknowledged) > 50, "the writer should have committed rows in most rounds"


CHANGER = """
import sys
from pathlib import Path
from desktop_app.store.database import Database
db = Database.open(Path(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
db.change_passphrase(sys.argv[2], sys.argv[3])
print("changed", flush=True)
"""


def _kill_rounds(
    script: str,
    folder: Path,
    first_secret: str,
    next_secret: Callable[[int], str],
    opens: Callable[[Path, str], bool],
    seed: int,
) -> str:
    """Run `script` (which switches secret argv[2] to argv[3]) and SIGKILL it at random moments,
    at least 24 times. After each kill exactly one of the two secrets must open the database.

    Kill moments start spread over 1.5 times one uninterrupted run, measured first; the window
    then widens after a kill that came too early and narrows after one that came too late, so on
    a slow or busy machine kills still land on both sides of the switch (up to 80 rounds)."""
    rng = random.Random(seed)
    current = next_secret(-1)
    calibration = run_python(script, str(folder), first_secret, current)
    assert calibration.stdout is not None
    assert calibration.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    calibration.communicate(timeout=60)
    window = 1.5 * (time.perf_counter() - started)
    assert opens(folder, current), "an uninterrupted run must switch to the new secret"
    outcomes = {"old": 0, "new": 0}
    round_number = 0
    while round_number < 24 or not (outcomes["old"] and outcomes["new"]):
        assert round_number < 80, f"kills never landed on both sides of the switch: {outcomes}"
        new = next_secret(round_number)
        child = run_python(script, str(folder), current, new)
        _kill_after(child, rng.uniform(0.0, window))
        works = {secret: opens(folder, secret) for secret in (current, new)}
        assert sum(works.values()) == 1, f"round {round_number}: {works}"
        switched = works[new]
        outcomes["new" if switched else "old"] += 1
        window *= 0.85 if switched else 1.3
        current = new if switched else current
        round_number += 1
    return current


@pytest.mark.slow
def test_kill_during_passphrase_change_leaves_exactly_one_working(
    created: CreatedDatabase,
) -> None:
    folder = created.database.folder
    created.database.close()
    _kill_rounds(CHANGER, folder, PASSPHRASE, lambda n: f"passphrase number {n}", _opens, seed=7)
    assert _opens_with_code(folder, created.recovery_code)


REGENERATOR = """
import sys
from pathlib import Path
from desktop_app.store import database
database.new_recovery_code = lambda: sys.argv[3]   # the parent chooses the next code
db = database.Database.open_with_recovery_code(Path(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
db.regenerate_recovery_code()
print("changed", flush=True)
"""


@pytest.mark.slow
def test_kill_during_recovery_code_regeneration_leaves_exactly_one_working(
    created: CreatedDatabase,
) -> None:
    folder = created.database.folder
    created.database.close()
    _kill_rounds(
        REGENERATOR,
        folder,
        created.recovery_code,
        lambda n: f"{n + 1:04d}-AAAA-BBBB-CCCC-DDDD-EEEE",
        _opens_with_code,
        seed=11,
    )
    assert _opens(folder, PASSPHRASE)


def _opens(folder: Path, passphrase: str) -> bool:
    try:
        Database.open(folder, passphrase).close()
    except WrongSecret:
        return False
    return True


def _opens_with_code(folder: Path, code: str) -> bool:
    try:
        Database.open_with_recovery_code(folder, code).close()
    except WrongRecoveryCode:
        return False
    return True
