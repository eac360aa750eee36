"""Combining members' returns into the alliance return, and writing it out in any format.

No database and no passphrase: members' returns hold no personal data, and nothing here reads
or writes anything but the files chosen and the file written.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.alliance.combining import choose_members, combine
from desktop_app.services.alliance.reading import Progress, open_returns
from desktop_app.version import __version__

# format -> (module in this package, its writer function)
WRITERS: dict[str, tuple[str, str]] = {
    "pdf": ("alliance_pdf", "write_pdf"),
    "xlsx": ("alliance_xlsx", "write_xlsx"),
    "csv": ("alliance_csv", "write_csv"),
    "json": ("alliance_json", "write_json"),
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class Combined:
    """What combining the chosen files gave: the alliance return, or the problems that stop it."""

    alliance: AllianceReturn | None
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    files: int  # returns read


def combine_returns(chosen: Sequence[Path], progress: Progress | None = None) -> Combined:
    """Read every chosen return (or folder of them) and combine them, or say what stops it.
    `progress(done, total, text)` hears of each file read."""
    opened = open_returns(chosen, progress)
    choice = choose_members(opened.returns, __version__)
    problems = opened.problems + (choice.problems if opened.returns else ())
    if not problems and not opened.returns:
        problems = choice.problems
    if problems:
        return Combined(None, problems, choice.notes, len(opened.returns))
    return Combined(combine(choice), (), choice.notes, len(opened.returns))


def write_alliance(alliance: AllianceReturn, fmt: str, path: Path) -> None:
    """Write the alliance return as `fmt` to `path`, whole or not at all (owner-only file)."""
    if fmt not in WRITERS:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    module_name, function = WRITERS[fmt]
    module = importlib.import_module(f"{__package__}.{module_name}")
    partial = path.with_name(f".{path.name}.partial")
    try:
        getattr(module, function)(alliance, partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
