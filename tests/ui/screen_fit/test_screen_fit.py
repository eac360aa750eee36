"""Every screen and dialog fits a 1366×768 laptop screen, at 100 % and at 150 % text, with its
buttons in view; and the main window keeps its size from screen to screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services.demo.builder import create_demo_database
from desktop_app.services.demo.identity import DEMO_PASSPHRASE
from desktop_app.ui.shell.main_window import MainWindow, sections
from desktop_app.ui.start.recent_databases import remember_window_size, window_size
from tests.ui.conftest import unlock

ROOT = Path(__file__).resolve().parents[3]
LAPTOP = {
    "screens": [
        {
            "name": "laptop",
            "x": 0,
            "y": 0,
            "width": 1366,
            "height": 768,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}


@pytest.mark.parametrize("scale", ["1.5", "1"])
def test_every_window_fits_a_laptop_screen(tmp_path: Path, scale: str) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(LAPTOP))
    out = tmp_path / "fit.json"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        PEERLOG_HOME=str(tmp_path / "home"),
    )
    subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_fit.fit_check", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    report = json.loads(out.read_text())
    assert report["problems"] == []
    checked = set(report["checked"])
    assert {f"{s.title} screen" for s in sections()} <= checked
    assert {"SessionDialog (1)", "PersonDialog (1)", "FirstRunWizard", "ExportAllDialog"} <= checked
    assert "Home screen, last 12 months as a table" in checked


def test_the_window_keeps_its_size_from_screen_to_screen(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "Demo.peerlog"
    create_demo_database(folder, "small", 1).database.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    size = window.size()
    unlock(qtbot, window, folder, DEMO_PASSPHRASE)
    for index in range(len(sections())):
        window.go_to(index)
        qtbot.wait(10)
        assert window.size() == size, sections()[index].title
    window.lock()


def test_the_window_opens_at_the_size_it_was_closed_at_within_the_screen(qtbot: QtBot) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 500)
    first.close()
    assert window_size() == (700, 500)
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    remember_window_size(99_999, 99_999)  # from a larger screen
    third = MainWindow()
    qtbot.addWidget(third)
    screen = third.screen().availableGeometry()
    assert third.width() <= screen.width() and third.height() <= screen.height()
