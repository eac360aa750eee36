"""Per-user folders (logs, settings, default database place).

PEERLOG_HOME, when set, puts every folder under one directory: tests and the self-test use it so
that nothing is written into the real user profile.
"""

import os
from pathlib import Path

import platformdirs

APP_NAME = "PeerLog"


def _override() -> Path | None:
    home = os.environ.get("PEERLOG_HOME")
    return Path(home) if home else None


def log_dir() -> Path:
    base = _override()
    path = base / "logs" if base else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    base = _override()
    path = (
        base / "config" if base else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def scratch_dir() -> Path:
    """Where temporary files go (see store/scratch.py); not made here."""
    base = _override()
    if base:
        return base / "scratch"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "scratch"


def default_database_dir() -> Path:
    """Where a new database goes unless the user picks somewhere else."""
    base = _override()
    if base:
        return base / "databases"
    return Path(platformdirs.user_documents_dir()) / APP_NAME


def demo_database_path() -> Path:
    base = _override()
    root = base / "demo" if base else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return root / "Demo.peerlog"
