"""`peerlog --self-test`, run in-process on this checkout (tests/test_package.py runs the built
app's)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.self_test import CHECKS, SelfTestRun, Skipped, run_self_test
from tests.test_cli_basics import peerlog


def test_self_test_passes_and_leaves_nothing_behind(peerlog_home: Path) -> None:
    before = dict(os.environ)
    out = io.StringIO()
    assert run_self_test(main, out) == 0, out.getvalue()
    report = out.getvalue()
    assert "ok       encryption: SQLCipher 4." in report
    assert "ok       demo database:" in report
    assert "ok       windows: drew" in report
    assert report.rstrip().endswith("Self-test passed.")
    assert dict(os.environ) == before
    assert list(peerlog_home.iterdir()) == []  # it used its own temporary home


def test_a_failing_check_is_named_and_the_others_still_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(_run: SelfTestRun) -> str:
        raise RuntimeError("the widget library is missing")

    def not_here(_run: SelfTestRun) -> str:
        raise Skipped("not part of this version")

    checks = (("broken", broken), ("later", not_here), *CHECKS[:1])
    out = io.StringIO()
    assert run_self_test(main, out, checks) == 1
    report = out.getvalue()
    assert "FAILED   broken: RuntimeError: the widget library is missing" in report
    assert "skipped  later: not part of this version" in report
    assert "ok       version: PeerLog" in report
    assert report.rstrip().endswith("Self-test FAILED: broken.")
    assert "Traceback" in capsys.readouterr().err


def test_self_test_flag_on_the_command_line() -> None:
    result = peerlog("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Self-test passed." in result.stdout
