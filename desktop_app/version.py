"""The version, from pyproject.toml: the file itself when it is beside the package (a source
checkout or a frozen build; quicker than installed metadata), else installed metadata."""

import sys
import tomllib
from pathlib import Path


def app_version() -> str:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    pyproject = base / "pyproject.toml"
    if pyproject.exists():
        with pyproject.open("rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    from importlib import metadata  # slow to import: only for an installed wheel

    try:
        return metadata.version("peerlog")
    except metadata.PackageNotFoundError:
        return "unknown"
