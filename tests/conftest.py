"""Shared fixtures: every test runs with its own PeerLog home folder and the fastest key
derivation PeerLog accepts (still the 19 MiB / 2-pass minimum), so nothing touches the real user
profile and tests stay quick."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.databases import create_database
from desktop_app.store.database import CreatedDatabase, Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PEERLOG_FAST_KDF"] = "1"

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def peerlog_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("peerlog-home")
    monkeypatch.setenv("PEERLOG_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "Test.peerlog"


@pytest.fixture
def created(db_path: Path) -> Iterator[CreatedDatabase]:
    """A new database, open, with its recovery code; closed after the test."""
    result = create_database(db_path, "Test Group", PASSPHRASE)
    yield result
    if result.database.is_open:
        result.database.close()


@pytest.fixture
def db(created: CreatedDatabase) -> Database:
    return created.database


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """The usual umask, under which new files are readable by every account: owner-only files
    must not depend on a stricter one."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
