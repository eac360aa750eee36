"""The version, read from pyproject.toml (installed metadata, or the file beside a frozen build)."""

import sys
import tomllib
from importlib import metadata
from pathlib import Path


def app_version() -> str:
    try:
        return metadata.version("peerlog")
    except metadata.PackageNotFoundError:
        pass
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    pyproject = base / "pyproject.toml"
    if pyproject.exists():
        with pyproject.open("rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    return "unknown"
