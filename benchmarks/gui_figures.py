"""Figures of the windows: start-up, unlock to a ready main window, the sessions list on 100,000
sessions, and peak memory. Each runs in a fresh offscreen Qt process, beside a floor measured the
same way: a bare PySide6 QMainWindow."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import PEAK_KIB, Figure, ms, verdict
from benchmarks.stress_db import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
def done():
    shown = time.time()
    print(json.dumps({"shown_at": shown, "rss_kib": peak_kib()}), flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

START_WINDOW = """
import importlib.util, sys

def report_and_quit():
    import json, time
    from PySide6.QtWidgets import QApplication
    shown = time.time()
    print(json.dumps({"shown_at": shown, "rss_kib": peak_kib()}), flush=True)
    QApplication.quit()

class QuitOnceShown:
    # Patches MainWindow.show when PeerLog first imports it, so that modules load in the order
    # `peerlog` loads them: show the window, then quit as soon as the event loop runs.
    def find_spec(self, name, path, target=None):
        if name != "desktop_app.ui.shell.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            from PySide6.QtCore import QTimer
            shown = module.MainWindow.show
            def show(window):
                shown(window)
                QTimer.singleShot(0, report_and_quit)
            module.MainWindow.show = show
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, QuitOnceShown())
from desktop_app import cli
sys.exit(cli.main([]))   # what `peerlog` with no arguments does
"""

UNLOCKED = """
import json, sys, time
from pathlib import Path
from desktop_app.store import layout
from desktop_app.store.protection.keyslots import KeySlots, derive_key
from desktop_app.ui import worker
from desktop_app.ui.shell.app import make_application
from desktop_app.ui.shell.main_window import MainWindow
folder, passphrase = Path(sys.argv[1]), sys.argv[2]
app = make_application()
window = MainWindow()
window.resize(1366, 768)
window.show()
window.open_folder(folder)
app.processEvents()
slot = KeySlots.load(layout.slots_file(folder)).slots[0]
started = time.perf_counter()
derive_key(passphrase, slot.salt, slot.kdf)
kdf = time.perf_counter() - started
started = time.perf_counter()
window.start.unlock_panel.unlock_with(passphrase)   # as pressing Enter does
while window.workspace is None:
    app.processEvents()
    time.sleep(0.001)
app.processEvents()
ready = time.perf_counter() - started
while worker.running_tasks():   # the quick check and Home's slower lines, on workers
    app.processEvents()
    time.sleep(0.01)
screen = window.workspace.screen_at(1)   # Sessions
app.processEvents()
started = time.perf_counter()
screen.search.setText("tea")
screen.refresh()
app.processEvents()
filtered = time.perf_counter() - started
figures = {"kdf": kdf, "ready": ready, "filter": filtered, "rss_kib": peak_kib()}
print(json.dumps(figures), flush=True)
window.lock()
"""

FIRST_ROWS = """
import json, sys, time
from pathlib import Path
from desktop_app.services import databases
from desktop_app.ui import worker
from desktop_app.ui.shell.app import make_application
from desktop_app.ui.sessions.sessions_screen import SessionsScreen
app = make_application()
db = databases.open_database(Path(sys.argv[1]), sys.argv[2], quick_check=False)
started = time.perf_counter()
screen = SessionsScreen(db, opener=None)
screen.resize(1366, 700)
screen.show()
app.processEvents()
shown = time.perf_counter() - started
print(json.dumps({"first_rows": shown, "rows": screen.model.rowCount()}), flush=True)
worker.wait_for_tasks()   # the venue filter's choices, counted in the background
db.close()
"""


HOME = ROOT / "benchmarks" / ".cache" / "home"
# Left out of the children's environment: bytecode is written as on a user's machine, and the
# user folders are found from HOME as for a user (rather than PEERLOG_HOME, which skips that).
LEFT_OUT = ("PYTHONDONTWRITEBYTECODE", "PEERLOG_HOME")


def _child(script: str, *args: str) -> dict[str, float]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in LEFT_OUT and not k.startswith("XDG_")},
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(HOME),
    }
    started_at = time.time()  # the wall clock, which the child reads too
    result = subprocess.run(
        [sys.executable, "-c", PEAK_KIB + script, *args],
        env=env,
        cwd=ROOT,  # `-c` puts the working folder first on sys.path: ROOT's code, wherever run from
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    if "shown_at" in data:  # process start to the window shown (the event loop has run)
        data["shown"] = data["shown_at"] - started_at
    return data


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def measure(stress: Path, runs: int = 5) -> list[Figure]:
    # One run of each first, not counted: it writes the compiled bytecode (__pycache__) that
    # every later start of an installed PeerLog finds, and warms the disk cache for both.
    _child(BARE_WINDOW), _child(START_WINDOW)
    bare, start = [], []
    # Interleaved, so that a busy moment of the machine falls on both; three times as many
    # runs as the other figures, since single starts here vary by ±40 ms.
    for _ in range(runs * 3):
        bare.append(_child(BARE_WINDOW))
        start.append(_child(START_WINDOW))
    unlocked = [_child(UNLOCKED, str(stress), PASSPHRASE) for _ in range(runs)]
    first = [_child(FIRST_ROWS, str(stress), PASSPHRASE) for _ in range(runs)]
    floor_start = _median(bare, "shown")
    ours_start = _median(start, "shown")
    kdf, ready = _median(unlocked, "kdf"), _median(unlocked, "ready")
    first_rows, filtered = _median(first, "first_rows"), _median(unlocked, "filter")
    floor_mib = _median(bare, "rss_kib") / 1024
    peak_mib = _median(unlocked, "rss_kib") / 1024
    ratio = ours_start / floor_start
    extra_mib = peak_mib - floor_mib
    return [
        Figure("bare PySide6 window: process start to shown (floor)", ms(floor_start), "—"),
        Figure(
            "process start to the start window shown",
            ms(ours_start),
            "≤ 1.5× floor",
            verdict(ratio <= 1.5, f"{ratio:.2f}×"),
        ),
        Figure("key derivation alone (floor)", ms(kdf), "—"),
        Figure(
            "unlock (Enter pressed) to main window ready, stress database",
            ms(ready),
            "≤ floor + 0.5 s",
            verdict(ready - kdf <= 0.5, f"+{ms(ready - kdf)}"),
        ),
        Figure(
            "sessions list, 100,000 rows: first rows shown",
            ms(first_rows),
            "< 100 ms",
            verdict(first_rows < 0.1),
        ),
        Figure("sessions list: filter by text", ms(filtered), "< 200 ms", verdict(filtered < 0.2)),
        Figure(
            "peak memory with the stress database open on Home",
            f"{peak_mib:.0f} MiB (bare window {floor_mib:.0f} MiB)",
            "≤ floor + 250 MB",
            verdict(extra_mib * 2**20 <= 250e6, f"+{extra_mib:.0f} MiB"),
        ),
    ]
