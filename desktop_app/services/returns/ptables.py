"""The perturbation tables PeerLog ships (resources/disclosure/), read once per run.

They are the tables domain/returns/ptable.py generates; shipping them as CSV in ONS's
`pcv,ckey,pvalue` form lets a funder or an alliance check the method, or use the same table.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from desktop_app.domain.returns.disclosure import MAX_THRESHOLD, MIN_THRESHOLD
from desktop_app.domain.returns.ptable import PerturbationTable, ptable_rows, table_name
from desktop_app.resources import resource_path

HEADER = ["pcv", "ckey", "pvalue"]


def ptable_file_name(name: str) -> str:
    return f"ptable-{name}.csv"


@cache
def shipped_ptable(threshold: int) -> PerturbationTable:
    """The shipped table for `threshold`."""
    name = table_name(threshold)
    path = resource_path("disclosure", ptable_file_name(name))
    with path.open(encoding="utf-8", newline="") as f:
        rows = [line for line in csv.reader(f) if line and not line[0].startswith("#")]
    if rows[0] != HEADER:
        raise ValueError(f"{path.name} must start with the columns {','.join(HEADER)}")
    return PerturbationTable(name, [(int(a), int(b), int(c)) for a, b, c in rows[1:]])


def write_ptables(folder: Path) -> list[Path]:
    """Write PeerLog's tables (one per distinct table: thresholds 3-5 and 6-10) into `folder`;
    how the shipped files were made: `python -m desktop_app.services.returns.ptables`."""
    written = []
    for threshold in (MIN_THRESHOLD, MAX_THRESHOLD):
        path = folder / ptable_file_name(table_name(threshold))
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(ptable_rows(threshold))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for made in write_ptables(resource_path("disclosure")):
        print(made)
