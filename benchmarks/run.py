"""`make bench`: every benchmark figure, as medians, beside its target."""

from __future__ import annotations

import platform

from benchmarks import unlock
from benchmarks.common import print_table


def main() -> None:
    machine = f"{platform.machine()}, Python {platform.python_version()}"
    print(f"PeerLog benchmarks on {platform.node()} ({machine})")
    print_table(unlock.measure())


if __name__ == "__main__":
    main()
