"""Set PeerLog's version for a release: `python packaging/bump_version.py 0.3.0`.

Writes the number into pyproject.toml and desktop_app/version.py (a test checks they agree) and
starts its section in CHANGELOG.md if there is none. Then write the section in plain words for
coordinators, commit, and tag the commit `v0.3.0`: CI builds the three packages from the tag.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def bump(new: str, root: Path = ROOT, today: date | None = None) -> None:
    if not VERSION.match(new):
        raise SystemExit(f"{new!r} is not a version: write it as three numbers, e.g. 0.3.0")
    pyproject = root / "pyproject.toml"
    text, count = re.subn(
        r'^version = "[^"]*"$', f'version = "{new}"', pyproject.read_text(), flags=re.MULTILINE
    )
    if count != 1:
        raise SystemExit("pyproject.toml has no single version line")
    pyproject.write_text(text)
    module = root / "desktop_app" / "version.py"
    module.write_text(
        re.sub(r'__version__ = "[^"]*"', f'__version__ = "{new}"', module.read_text())
    )
    changelog = root / "CHANGELOG.md"
    notes = changelog.read_text()
    if f"## {new} " not in notes:
        heading = f"## {new} ({(today or date.today()).isoformat()})\n\nWhat changed for you:\n\n"
        first = notes.index("\n## ") + 1 if "\n## " in notes else len(notes)
        changelog.write_text(notes[:first] + heading + notes[first:])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/bump_version.py NEW_VERSION")
    bump(sys.argv[1])
