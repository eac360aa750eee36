"""`PeerLog --self-test`: does this copy of PeerLog work on this computer?

CI runs it on the built app; a helper can run it on a volunteer's laptop when something seems
wrong. It touches nothing of the user's: the demo database, settings and logs all live in a
temporary folder that is removed afterwards, and windows are drawn offscreen. It prints one line
per check and returns 0 when every check passed, else 1. Only invented demo records are involved,
so a failure is printed in full, traceback included.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from desktop_app import __version__
from desktop_app.licences import bundled_components
from desktop_app.resources import resource_path
from desktop_app.services import databases
from desktop_app.services.demo.builder import DEMO_PASSPHRASE, create_demo_database
from desktop_app.store.database import Database, passphrase_unlocker

RETURNS_MODULE = "desktop_app.services.returns.build"


class Skipped(Exception):
    """A check that does not apply to this version of PeerLog."""


Command = Callable[[list[str]], int]  # `peerlog ARGS...` in-process, returning its exit status


@dataclass
class SelfTestRun:
    folder: Path
    peerlog: Command  # the command line's entry point, handed in so this module need not import it
    db: Database | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return self.folder / "Self-test.peerlog"

    def open_db(self) -> Database:
        if self.db is None:
            raise Skipped("needs the demo database, which could not be made")
        return self.db

    def close_db(self) -> None:
        if self.db is not None and self.db.is_open:
            self.db.close()
        self.db = None


@contextlib.contextmanager
def throwaway_environment() -> Iterator[Path]:
    """A temporary folder with PEERLOG_HOME inside it, offscreen Qt, and the quick key
    derivation (the throwaway database protects nothing). The environment is restored after."""
    with tempfile.TemporaryDirectory(prefix="peerlog-self-test-") as temp:
        folder = Path(temp)
        changes = {
            "PEERLOG_HOME": str(folder / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "PEERLOG_FAST_KDF": "1",
            "PEERLOG_PASSPHRASE": DEMO_PASSPHRASE,
        }
        saved = {name: os.environ.get(name) for name in changes}
        os.environ.update(changes)
        try:
            yield folder
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def check_version(_work: SelfTestRun) -> str:
    return f"PeerLog {__version__}"


def check_files(_work: SelfTestRun) -> str:
    resource_path("reference", "ethnic-groups.csv")
    resource_path("icons", "peerlog.svg")
    licences = {path for c in bundled_components() for path in c.licence_paths()}
    return f"reference lists, icons and {len(licences)} licence texts found"


def check_encryption(_work: SelfTestRun) -> str:
    version = databases.encryption_library_version()
    if not version:
        raise RuntimeError("SQLCipher is missing: the database library has no encryption")
    return f"SQLCipher {version}"


def check_demo_database(work: SelfTestRun) -> str:
    created = create_demo_database(work.db_path, "small")
    created.database.close()
    problems = databases.check_database(work.db_path, passphrase_unlocker(DEMO_PASSPHRASE))
    if problems:
        raise RuntimeError(
            "the new demo database failed its checks: " + "; ".join(p.text for p in problems[:3])
        )
    work.db = databases.open_database(work.db_path, DEMO_PASSPHRASE)
    return "created, passed every check and opened again"


def check_windows(work: SelfTestRun) -> str:
    from desktop_app.ui.shell.smoke import open_windows

    shown = open_windows(work.open_db())
    return "drew " + ", ".join(shown) + " offscreen"


def check_crash_report(_work: SelfTestRun) -> str:
    from desktop_app.ui.shell.smoke import check_crash_report as crash_report_works

    return crash_report_works()


def check_return(work: SelfTestRun) -> str:
    """Build a small return in every format through the command line the returns issue
    specifies (PDF and spreadsheet exercise ReportLab, its font and openpyxl in a frozen build)."""
    if importlib.util.find_spec(RETURNS_MODULE) is None:
        raise Skipped("returns are not part of this version of PeerLog yet")
    work.open_db()  # skips the check when there is no demo database
    work.close_db()  # `peerlog return` opens it itself

    period = ["--from", "2000-01-01", "--to", "2099-12-31"]
    starts = {"json": b"{", "pdf": b"%PDF", "xlsx": b"PK", "csv": b""}
    for fmt, start in starts.items():
        out = work.folder / f"return.{fmt}"
        with contextlib.redirect_stdout(io.StringIO()):
            code = work.peerlog(
                ["return", "--db", str(work.db_path), *period, "--format", fmt, "--out", str(out)]
            )
        if code != 0 or not out.exists():
            raise RuntimeError(f"`peerlog return --format {fmt}` ended with exit code {code}")
        if not out.read_bytes().startswith(start) or out.stat().st_size < 100:
            raise RuntimeError(f"the {fmt} return is not a {fmt} file")
    if '"peerlog.return/2"' not in (work.folder / "return.json").read_text(encoding="utf-8"):
        raise RuntimeError("the JSON return does not say it is a peerlog.return/2 return")
    return "a JSON, PDF, spreadsheet and CSV return of the demo database"


Check = Callable[[SelfTestRun], str]  # returns a short detail; raises when the check fails
CHECKS: tuple[tuple[str, Check], ...] = (
    ("version", check_version),
    ("files", check_files),
    ("encryption", check_encryption),
    ("demo database", check_demo_database),
    ("windows", check_windows),
    ("crash report", check_crash_report),
    ("return", check_return),
)


def run_self_test(
    peerlog: Command,
    out: TextIO | None = None,
    checks: tuple[tuple[str, Check], ...] = CHECKS,
) -> int:
    out = out or sys.stdout
    print(
        f"PeerLog {__version__} self-test (in a temporary folder; nothing of yours is used)",
        file=out,
    )
    failed = []
    with throwaway_environment() as folder:
        work = SelfTestRun(folder, peerlog)
        try:
            for name, check in checks:
                try:
                    detail = check(work)
                except Skipped as skipped:
                    print(f"  skipped  {name}: {skipped}", file=out)
                except Exception as exc:
                    failed.append(name)
                    print(f"  FAILED   {name}: {type(exc).__name__}: {exc}", file=out)
                    traceback.print_exc(file=sys.stderr)
                else:
                    print(f"  ok       {name}: {detail}", file=out)
        finally:
            work.close_db()
    if failed:
        print(f"Self-test FAILED: {', '.join(failed)}.", file=out)
        return 1
    print("Self-test passed.", file=out)
    return 0
