"""The built app: `make check` builds dist/PeerLog/ (or reuses a build newer than every source
file) and runs the built executable's --version, --self-test and check.

Marked `package` so developers can skip it: make check PYTEST_ARGS="-m 'not package'".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.services.demo.builder import DEMO_PASSPHRASE, create_demo_database
from tests.store.helpers import PROJECT_ROOT

pytestmark = [pytest.mark.package, pytest.mark.timeout(1200)]

DIST = PROJECT_ROOT / "dist" / "PeerLog"
EXECUTABLE = DIST / ("PeerLog.exe" if sys.platform == "win32" else "PeerLog")
SOURCES = ("desktop_app", "resources", "packaging", "main.py", "pyproject.toml")
SIZE_LIMIT_MIB = 150  # as `du -sh` counts
LEFT_OUT = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "/translations/")


def newest_source_change() -> float:
    times = []
    for name in SOURCES:
        path = PROJECT_ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        times += [f.stat().st_mtime for f in files if f.is_file() and "__pycache__" not in f.parts]
    installed = Path(sys.prefix) / ".installed"  # the Makefile's stamp: dependencies changed
    if installed.exists():
        times.append(installed.stat().st_mtime)
    return max(times)


@pytest.fixture(scope="module")
def app() -> Path:
    if not EXECUTABLE.exists() or EXECUTABLE.stat().st_mtime < newest_source_change():
        build = subprocess.run(
            ["bash", str(PROJECT_ROOT / "packaging" / "build.sh")],
            env={**os.environ, "PYTHON": sys.executable},
            capture_output=True,
            text=True,
            timeout=1100,
        )
        assert build.returncode == 0, build.stdout + build.stderr
    return EXECUTABLE


def run_app(app: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **env}
    if "PEERLOG_PASSPHRASE" not in env:
        full_env.pop("PEERLOG_PASSPHRASE", None)
    return subprocess.run(
        [str(app), *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_built_app_knows_its_version(app: Path) -> None:
    result = run_app(app, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"PeerLog {__version__}"


def test_built_app_passes_its_self_test(app: Path) -> None:
    result = run_app(app, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok       encryption: SQLCipher" in result.stdout
    assert "ok       windows:" in result.stdout
    assert "Self-test passed." in result.stdout


def test_built_app_checks_a_database_made_from_source(app: Path, tmp_path: Path) -> None:
    created = create_demo_database(tmp_path / "Fixture.peerlog", "small")
    created.database.close()
    folder = tmp_path / "Fixture.peerlog"

    result = run_app(app, "check", "--db", folder, PEERLOG_PASSPHRASE=DEMO_PASSPHRASE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The database passed every check." in result.stdout

    wrong = run_app(app, "check", "--db", folder, PEERLOG_PASSPHRASE="not the passphrase")
    assert wrong.returncode == 1
    assert "passphrase is not right" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_build_is_small_and_leaves_out_unused_qt(app: Path) -> None:
    files = [path for path in DIST.rglob("*") if path.is_file() and not path.is_symlink()]
    size_mib = sum(path.stat().st_size for path in files) / 2**20
    assert size_mib < SIZE_LIMIT_MIB, f"dist/PeerLog is {size_mib:.0f} MiB"
    unused = [str(p) for p in files if any(part in "/" + p.as_posix() for part in LEFT_OUT)]
    assert unused == []
    internal = DIST / "_internal"
    assert (internal / "resources" / "licences" / "LGPL-3.0.txt").is_file()
