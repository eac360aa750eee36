"""Small helpers for the review tests: a laptop's own folder in the shared folder."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.sync import local_state
from desktop_app.store.database import Database


def laptop_id(db: Database) -> str:
    state = local_state.load(db.connection())
    assert state is not None
    return state.laptop_id


def own_folder(folder: Path, db: Database) -> Path:
    return folder / (db.setting("database_id") or "") / laptop_id(db)
