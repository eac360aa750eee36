"""The one place that answers "where is resource X", from source and from a frozen build."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base is not None:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("reference", "ethnic-groups.csv")."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"PeerLog resource missing: {'/'.join(parts)}")
    return path
