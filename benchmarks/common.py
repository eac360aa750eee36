"""Shared bits of the benchmark suite: medians and a results table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    what: str
    value: str
    target: str
    verdict: str = ""

    def row(self) -> str:
        return f"| {self.what} | {self.value} | {self.target} | {self.verdict} |"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def verdict(ok: bool, detail: str = "") -> str:
    return f"{detail} {'ok' if ok else 'MISSED'}".strip()


def median_time(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_table(figures: list[Figure]) -> None:
    print("| what | median | target | result |")
    print("|---|---|---|---|")
    for figure in figures:
        print(figure.row(), flush=True)


# For the children's scripts: the process's own peak memory. Not getrusage's ru_maxrss, which on
# Linux carries the peak of the process that started the child (the benchmark runner, 160 MiB
# and more once the stress database is built) across fork and exec.
PEAK_KIB = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:  # not Linux: getrusage (kilobytes on Linux, bytes on macOS)
        import resource, sys
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
"""
