"""The stress demo database (ten busy years), built once and cached in benchmarks/.cache/.

The cache name carries the schema version, so a schema change builds a fresh one. It is made with
the standard key derivation, as a real database is.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop_app.services.demo.builder import DEMO_PASSPHRASE, create_demo_database
from desktop_app.store.migrations import LATEST_VERSION

CACHE = Path(__file__).resolve().parent / ".cache"
PASSPHRASE = DEMO_PASSPHRASE


def stress_path() -> Path:
    return CACHE / f"Stress-schema{LATEST_VERSION}.peerlog"


def ensure_stress_database() -> Path:
    path = stress_path()
    if path.exists():
        return path
    os.environ.pop("PEERLOG_FAST_KDF", None)
    CACHE.mkdir(parents=True, exist_ok=True)
    print("Building the stress database once (a minute or two)...", flush=True)
    started = time.perf_counter()
    create_demo_database(path, "stress", seed=1).database.close()
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1e6
    print(f"Built in {time.perf_counter() - started:.0f} s ({size:.0f} MB)", flush=True)
    return path
