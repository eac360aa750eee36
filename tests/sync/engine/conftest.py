"""Two or three laptops sharing one organisation's database (see laptops.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.engine.laptops import Laptop, close, laptops


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    a, b = machines = laptops(tmp_path, "ab")
    yield a, b
    close(machines)


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Laptop]]:
    a, b, c = machines = laptops(tmp_path, "abc")
    yield a, b, c
    close(machines)
