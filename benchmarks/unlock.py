"""Foundation figures: unlocking (key derivation included) and process start to an open database.

Uses the standard key derivation settings, as a real database does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median_time, ms, verdict
from desktop_app.store.database import Database
from desktop_app.store.protection.keyslots import KdfParams, derive_key

PASSPHRASE = "benchmark passphrase"
ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from pathlib import Path
from desktop_app.store.database import Database
Database.open(Path(sys.argv[1]), sys.argv[2]).close()
print("opened", flush=True)
"""


def _process_start_to_open(folder: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), PASSPHRASE],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - start


def measure(runs: int = 5) -> list[Figure]:
    os.environ.pop("PEERLOG_FAST_KDF", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "Bench.peerlog"
        Database.create(folder, "Benchmark", PASSPHRASE).database.close()
        params = KdfParams.standard()
        kdf = median_time(lambda: derive_key(PASSPHRASE, b"0" * 16, params), runs)
        unlock = median_time(lambda: Database.open(folder, PASSPHRASE).close(), runs)
        times = sorted(_process_start_to_open(folder) for _ in range(runs))
        start_to_open = times[len(times) // 2]
    mib = params.memory_kib // 1024
    return [
        Figure(
            f"key derivation alone (Argon2id {mib} MiB, {params.iterations} passes)",
            ms(kdf),
            "about 0.5 s",
        ),
        Figure(
            "unlock (small database): key derivation + open + checks",
            ms(unlock),
            "key derivation + 0.5 s",
            verdict(unlock <= kdf + 0.5),
        ),
        Figure("process start to an opened database (small)", ms(start_to_open), "—"),
    ]
