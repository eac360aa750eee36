"""The Qt binding PeerLog ships must keep Python's objects counted rightly.

PySide6 6.12.0 on Python 3.11 dropped a reference to `None` on every Qt call that returns
nothing (`setText`, `processEvents`...): after a few thousand such calls Python aborted the whole
app ("none_dealloc"), losing whatever was being typed. 6.11.2 does not. This test fails on any
binding that does it again."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 60_000

SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(1000):
    label.setText("x")
assert sys.getrefcount(None) >= before, "a void Qt call drops a reference to None"
for _ in range({CALLS}):
    label.setText("x")
print("alive")
"""


def test_calls_that_return_nothing_do_not_wear_none_away() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "alive", done.stderr[-2000:]
