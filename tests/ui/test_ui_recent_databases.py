"""The recent list holds folder paths only, most recent first, and survives a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app import app_dirs
from desktop_app.ui.start.recent_databases import (
    MAX_RECENT,
    SETTINGS_FILE,
    forget_database,
    recent_databases,
    remember_database,
)


def test_most_recent_first_without_repeats(tmp_path: Path) -> None:
    first, second = tmp_path / "A.peerlog", tmp_path / "B.peerlog"
    remember_database(first)
    remember_database(second)
    remember_database(first)
    assert recent_databases() == [first, second]
    forget_database(first)
    assert recent_databases() == [second]


def test_list_is_capped(tmp_path: Path) -> None:
    for number in range(MAX_RECENT + 3):
        remember_database(tmp_path / f"{number}.peerlog")
    assert len(recent_databases()) == MAX_RECENT
    assert recent_databases()[0] == tmp_path / f"{MAX_RECENT + 2}.peerlog"


def test_file_holds_only_paths(tmp_path: Path) -> None:
    remember_database(tmp_path / "A.peerlog")
    data = json.loads((app_dirs.config_dir() / SETTINGS_FILE).read_text())
    assert data == {"recent_databases": [str(tmp_path / "A.peerlog")]}


def test_damaged_settings_file_means_an_empty_list(tmp_path: Path) -> None:
    (app_dirs.config_dir() / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert recent_databases() == []
    remember_database(tmp_path / "A.peerlog")
    assert recent_databases() == [tmp_path / "A.peerlog"]
