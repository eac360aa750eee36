"""Test helpers that work on real database files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.store import layout
from desktop_app.store.connection import raw_connection
from desktop_app.store.protection.keyslots import KeySlots

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (except the lock file) by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "peerlog.lock"
    }


def data_key(folder: Path, passphrase: str) -> bytes:
    key, _slot = KeySlots.load(layout.slots_file(folder)).unlock_with_passphrase(passphrase)
    return key


def set_user_version(folder: Path, passphrase: str, version: int) -> None:
    conn = raw_connection(layout.db_file(folder), data_key(folder, passphrase))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def run_python(
    code: str, *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.Popen[str]:
    """Start a child Python running `code` with the project importable."""
    full_env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
        **kwargs,
    )


def older_database(folder: Path, version: int, *statements: str | tuple[str, list[tuple]]) -> Path:
    """A database made by the PeerLog of schema `version` (only its first steps run), holding
    what `statements` insert (SQL, or SQL with rows for executemany), closed as a user leaves
    it. Opening it afterwards upgrades it."""
    import pytest

    from desktop_app.services.databases import create_database
    from desktop_app.store import migrations
    from tests.conftest import PASSPHRASE

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
        patch.setattr(migrations, "LATEST_VERSION", version)
        old = create_database(folder, "Old Group", PASSPHRASE).database
        with old.transaction() as conn:
            for statement in statements:
                if isinstance(statement, str):
                    conn.execute(statement)
                else:
                    conn.executemany(*statement)
        old.close()
    return old.folder
