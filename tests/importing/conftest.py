"""Import fixtures: template CSV files written into a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

WriteCsv = Callable[..., Path]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "import"
    path.mkdir()
    return path


@pytest.fixture
def write_csv(folder: Path) -> WriteCsv:
    """write_csv("people", "ref,known_as", "P-1,Amara") writes people.csv (UTF-8)."""

    def write(name: str, *lines: str, encoding: str = "utf-8") -> Path:
        path = folder / f"{name}.csv"
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
        return path

    return write
