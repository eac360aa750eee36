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
