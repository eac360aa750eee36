"""Returns on the stress database: one year and ten years as JSON, one year as PDF.

The floor is the same SQL, captured while the return is built, replayed on a plaintext copy of the
stress database in plain sqlite3: what the queries cost without encryption or any of PeerLog's
Python around them. The copy holds only the invented demo records and stays in benchmarks/.cache.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.common import Figure, ms, verdict
from benchmarks.stress_db import CACHE, PASSPHRASE
from desktop_app.domain.returns.periods import Period
from desktop_app.services.databases import open_database
from desktop_app.services.returns.build import build_return
from desktop_app.services.returns.formats import write_return
from desktop_app.store.database import Database

TEMPLATE = "Alliance return"


def _plaintext_copy(db: Database, stress: Path) -> Path:
    plain = CACHE / f"{stress.stem}-plaintext.sqlite"
    if not plain.exists():
        conn = db.connection()
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    return plain


def _captured_sql(db: Database, period: Period) -> list[str]:
    statements: list[str] = []
    conn = db.connection()
    conn.set_trace_callback(statements.append)
    try:
        build_return(db, period, TEMPLATE)
    finally:
        conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _replay(plain: Path, statements: list[str]) -> None:
    conn = sqlite3.connect(plain)
    try:
        for statement in statements:
            conn.execute(statement).fetchall()
    finally:
        conn.close()


def measure(stress: Path, runs: int = 5) -> list[Figure]:
    db = open_database(stress, PASSPHRASE, quick_check=False)
    figures = []
    try:
        plain = _plaintext_copy(db, stress)
        today = date.today()
        last_year = today.year - 1 if today.month >= 4 else today.year - 2
        periods = {
            "one-year": Period.financial_year(last_year),
            "ten-year": Period(date(today.year - 10, today.month, 1), today),
        }
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            times = {}
            for name, period in periods.items():
                statements = _captured_sql(db, period)
                floor = _median(lambda s=statements: _replay(plain, s), runs)  # type: ignore[misc]

                def json_return(p: Period = period) -> None:
                    write_return(build_return(db, p, TEMPLATE), "json", out / "r.json")

                ours = _median(json_return, runs)
                times[name] = ours
                ratio = ours / floor
                target = "≤ 1.3× floor, and under 0.5 s" if name == "one-year" else "≤ 1.3× floor"
                ok = ratio <= 1.3 and (name != "one-year" or ours < 0.5)
                figures.append(
                    Figure(f"{name} return: same SQL in plain sqlite3 (floor)", ms(floor), "—")
                )
                figures.append(
                    Figure(
                        f"{name} return (JSON), stress database",
                        ms(ours),
                        target,
                        verdict(ok, f"{ratio:.2f}×"),
                    )
                )

            def pdf_return() -> None:
                protected = build_return(db, periods["one-year"], TEMPLATE)
                write_return(protected, "pdf", out / "r.pdf")

            pdf = _median(pdf_return, runs)
            figures.append(
                Figure(
                    "one-year return as PDF, stress database",
                    ms(pdf),
                    "under 2 s in total",
                    verdict(pdf < 2.0),
                )
            )
    finally:
        db.close()
    return figures
