"""The command line: each command through a real process, with secrets from the environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from desktop_app import __version__
from tests.conftest import PASSPHRASE
from tests.store.helpers import PROJECT_ROOT

CODE_PATTERN = re.compile(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})\b")


def peerlog(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **env}
    for name in (
        "PEERLOG_PASSPHRASE",
        "PEERLOG_NEW_PASSPHRASE",
        "PEERLOG_RECOVERY_CODE",
        "PEERLOG_BACKUP_PASSPHRASE",
    ):
        if name not in env:
            full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def assert_plain_failure(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 1, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 or "damaged" in result.stderr


def test_version_matches_pyproject() -> None:
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    assert __version__ == pyproject["project"]["version"]
    result = peerlog("--version")
    assert result.stdout.strip() == f"PeerLog {__version__}"


def test_wrong_usage_exits_2() -> None:
    assert peerlog("init").returncode == 2
    assert peerlog("no-such-command").returncode == 2


def test_init_check_backup_restore_change_and_recover(tmp_path: Path) -> None:
    db = tmp_path / "Group"
    result = peerlog(
        "init", "--db", db, "--organisation", "Hope Group", PEERLOG_PASSPHRASE=PASSPHRASE
    )
    assert result.returncode == 0, result.stderr
    codes = CODE_PATTERN.findall(result.stdout)
    assert len(codes) == 1
    code = codes[0]
    folder = tmp_path / "Group.peerlog"
    assert (folder / "peerlog.db").exists()

    assert peerlog("check", "--db", folder, PEERLOG_PASSPHRASE=PASSPHRASE).returncode == 0
    assert_plain_failure(
        peerlog("check", "--db", folder, PEERLOG_PASSPHRASE="wrong passphrase here"),
        "passphrase is not right",
    )
    backup = tmp_path / "group.peerlog-backup"
    assert (
        peerlog("backup", "--db", folder, "--out", backup, PEERLOG_PASSPHRASE=PASSPHRASE).returncode
        == 0
    )

    new = "a completely new passphrase"
    changed = peerlog(
        "change-passphrase",
        "--db",
        folder,
        PEERLOG_PASSPHRASE=PASSPHRASE,
        PEERLOG_NEW_PASSPHRASE=new,
    )
    assert changed.returncode == 0, changed.stderr
    assert_plain_failure(
        peerlog("check", "--db", folder, PEERLOG_PASSPHRASE=PASSPHRASE), "passphrase is not right"
    )
    recovered = peerlog(
        "recover",
        "--db",
        folder,
        PEERLOG_RECOVERY_CODE=code,
        PEERLOG_NEW_PASSPHRASE="recovered again!",
    )
    assert recovered.returncode == 0, recovered.stderr
    assert peerlog("check", "--db", folder, PEERLOG_PASSPHRASE="recovered again!").returncode == 0

    refused = peerlog("restore", "--backup", backup, "--db", folder, PEERLOG_PASSPHRASE=PASSPHRASE)
    assert_plain_failure(refused, "passphrase of one of its coordinators")
    restored = peerlog(
        "restore",
        "--backup",
        backup,
        "--db",
        folder,
        PEERLOG_PASSPHRASE="recovered again!",
        PEERLOG_BACKUP_PASSPHRASE=PASSPHRASE,
    )
    assert restored.returncode == 0, restored.stderr
    assert "kept in" in restored.stdout
    assert peerlog("check", "--db", folder, PEERLOG_PASSPHRASE=PASSPHRASE).returncode == 0


def test_problems_the_user_can_fix_are_one_or_two_lines(tmp_path: Path) -> None:
    assert_plain_failure(
        peerlog("check", "--db", tmp_path / "nothing.peerlog", PEERLOG_PASSPHRASE=PASSPHRASE),
        "There is no PeerLog database",
    )
    assert_plain_failure(
        peerlog("init", "--db", tmp_path / "G", "--organisation", "G", PEERLOG_PASSPHRASE="short"),
        "at least 10 characters",
    )
    assert_plain_failure(
        peerlog("init", "--db", tmp_path / "G", "--organisation", "G"), "PEERLOG_PASSPHRASE"
    )


def test_opening_the_app_builds_only_the_apps_own_options() -> None:
    from desktop_app.cli import needs_commands

    for opens_the_app in ([], ["--demo"], ["--db", "Hub.peerlog"], ["--db=Hub.peerlog"]):
        assert not needs_commands(opens_the_app), opens_the_app
    for names_one in (["check", "--db", "x"], ["--help"], ["-h"], ["chek"], ["--db", "x", "y"]):
        assert needs_commands(names_one), names_one


def test_a_mistyped_command_is_named_with_the_choices() -> None:
    result = peerlog("chek")
    assert result.returncode == 2
    assert "invalid choice: 'chek'" in result.stderr
    assert "check" in result.stderr


def test_a_wrong_audit_date_is_refused_plainly_before_anything_is_asked() -> None:
    result = peerlog("audit", "list", "--db", "Any.peerlog", "--start", "2025-13-01")
    assert result.returncode == 2
    assert "'2025-13-01' is not a date; write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
