import subprocess
import sys

from desktop_app import __version__


def test_version_matches_pyproject() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert __version__ == pyproject["project"]["version"]
    out = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"PeerLog {__version__}"
