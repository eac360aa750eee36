"""The list of recently opened databases, kept in `settings.json` in the user's config folder.

Only folder paths (and the window's size) are stored: never an organisation name, a passphrase
or anything from inside a database. A damaged or unreadable settings file is treated as empty
rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from desktop_app import app_dirs
from desktop_app.store.files import write_atomically

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
MAX_RECENT = 8
_KEY = "recent_databases"
_WINDOW_SIZE_KEY = "window_size"


def _settings_path() -> Path:
    return app_dirs.config_dir() / SETTINGS_FILE


def _read() -> dict[str, Any]:
    try:
        data = json.loads(_settings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("Settings file unreadable; starting with no recent databases")
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, Any]) -> None:
    try:
        write_atomically(_settings_path(), json.dumps(data, indent=2).encode("utf-8"))
    except OSError:
        log.warning("Could not save the settings file")


def recent_databases() -> list[Path]:
    """Most recent first."""
    entries = _read().get(_KEY, [])
    if not isinstance(entries, list):
        return []
    return [Path(entry) for entry in entries if isinstance(entry, str)][:MAX_RECENT]


def remember_database(folder: Path) -> None:
    """Put `folder` at the top of the recent list."""
    folder = folder.resolve()
    others = [path for path in recent_databases() if path != folder]
    data = _read()
    data[_KEY] = [str(path) for path in [folder, *others][:MAX_RECENT]]
    _write(data)


def forget_database(folder: Path) -> None:
    data = _read()
    data[_KEY] = [str(path) for path in recent_databases() if path != folder.resolve()]
    _write(data)


def window_size() -> tuple[int, int] | None:
    """The main window's width and height when PeerLog was last closed (None: never)."""
    size = _read().get(_WINDOW_SIZE_KEY)
    if isinstance(size, list) and len(size) == 2 and all(isinstance(n, int) for n in size):
        return size[0], size[1]
    return None


def remember_window_size(width: int, height: int) -> None:
    data = _read()
    data[_WINDOW_SIZE_KEY] = [width, height]
    _write(data)
