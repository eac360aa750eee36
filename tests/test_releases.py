"""What a release is built from: locked dependencies with hashes, and a CI workflow that is at
least well-formed (README, Packaging; CHANGELOG.md)."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from importlib import metadata
from pathlib import Path

from desktop_app import __version__

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", re.MULTILINE)


def _name(requirement: str) -> str:
    found = re.match(r"[A-Za-z0-9_.-]+", requirement)
    assert found, requirement
    return found.group(0).lower().replace("_", "-")


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_dependency_is_locked_with_hashes() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    app, dev = _pins("app.lock"), _pins("dev.lock")
    for requirement in project["dependencies"]:
        assert _name(requirement) in app, f"{requirement} is not in requirements/app.lock"
    for requirement in project["optional-dependencies"]["dev"]:
        assert _name(requirement) in dev, f"{requirement} is not in requirements/dev.lock"
    for lock in ("app.lock", "dev.lock"):
        entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", (ROOT / "requirements" / lock).read_text())
        for entry in entries[1:]:
            assert "--hash=sha256:" in entry, f"{entry.splitlines()[0]} has no hash in {lock}"


def test_the_app_bundles_the_same_versions_whatever_is_installed_for_checks() -> None:
    app, dev = _pins("app.lock"), _pins("dev.lock")
    assert {name: dev.get(name) for name in app} == app


def test_exact_pins_in_pyproject_agree_with_the_lock() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    dev = _pins("dev.lock")
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        if "==" in requirement:
            version = requirement.split("==")[1].split()[0].strip('",')
            assert dev[_name(requirement)] == version, requirement


def test_the_libraries_installed_are_the_locked_ones() -> None:
    """`make` installs from the lock: what runs the checks is what the lock says."""
    different = {
        name: (version, installed)
        for name, version in _pins("dev.lock").items()
        if (installed := _installed(name)) is not None and installed != version
    }
    assert different == {}


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None  # a platform-only dependency of another system


def test_the_ci_workflow_is_well_formed() -> None:
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows, "no workflow in .github/workflows"
    result = subprocess.run(
        [actionlint, "-no-color", *map(str, workflows)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_changelog_describes_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__} " in changelog or f"## {__version__}\n" in changelog


def test_bumping_the_version_changes_every_place_that_says_it(tmp_path: Path) -> None:
    bump = runpy.run_path(str(ROOT / "packaging" / "bump_version.py"))["bump"]
    (tmp_path / "desktop_app").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "peerlog"\nversion = "0.2.0"\n')
    (tmp_path / "desktop_app" / "version.py").write_text('__version__ = "0.2.0"\n')
    (tmp_path / "CHANGELOG.md").write_text("# What changed\n\nIntro.\n\n## 0.2.0 (x)\n\nOld.\n")
    bump("0.3.0", tmp_path, date(2027, 1, 5))
    assert 'version = "0.3.0"' in (tmp_path / "pyproject.toml").read_text()
    assert (tmp_path / "desktop_app" / "version.py").read_text() == '__version__ = "0.3.0"\n'
    assert (tmp_path / "CHANGELOG.md").read_text() == (
        "# What changed\n\nIntro.\n\n## 0.3.0 (2027-01-05)\n\nWhat changed for you:\n\n"
        "## 0.2.0 (x)\n\nOld.\n"
    )
