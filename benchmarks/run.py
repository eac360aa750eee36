"""`make bench`: every benchmark figure, as medians, beside its target.

Builds the stress demo database once (cached in benchmarks/.cache/), then measures. Absolute times
vary from machine to machine, so figures with a floor are compared with that floor, measured in
the same run.
"""

from __future__ import annotations

import os
import platform
from datetime import date

from benchmarks import (
    alliance_figures,
    gui_figures,
    logging_session,
    returns_figures,
    sync_figures,
    unlock,
)
from benchmarks.common import print_table
from benchmarks.stress_db import ensure_stress_database


def main() -> None:
    os.environ.pop("PEERLOG_FAST_KDF", None)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"PeerLog benchmarks, {date.today()}, on {platform.node()} ({machine})", flush=True)
    stress = ensure_stress_database()
    figures = unlock.measure()
    figures += gui_figures.measure(stress)
    figures += logging_session.measure(stress)
    figures += returns_figures.measure(stress)
    figures += alliance_figures.measure()
    figures += sync_figures.measure(stress)
    print_table(figures)


if __name__ == "__main__":
    main()
