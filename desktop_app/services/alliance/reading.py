"""Opening members' returns: chosen files, or every .json file in a folder. Each file that
cannot be used gets a plain message saying which file and why; nothing is combined until every
file can be."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.domain.alliance.member_return import MemberReturn, read_member
from desktop_app.domain.alliance.schema_check import schema_errors
from desktop_app.resources import resource_path
from desktop_app.services.returns.formats.json_format import SCHEMA_FILES

MAX_BYTES = 5_000_000  # a member's return is a few kilobytes; a bigger file is something else
SCHEMA_SHOWN = 3  # schema problems listed per file; the rest are counted
Progress = Callable[[int, int, str], None]  # (done, total, what is happening)
_RETURN_SCHEMA = re.compile(r"^peerlog\.return/([0-9]+)$")


@dataclass(frozen=True)
class Opened:
    returns: tuple[MemberReturn, ...]
    problems: tuple[str, ...]


def return_files(chosen: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files to read: each chosen file, and the .json files in each chosen folder."""
    files: list[Path] = []
    problems: list[str] = []
    for path in chosen:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                problems.append(f"{path.name}: this folder has no .json returns in it.")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: there is no such file or folder.")
    return files, problems


def open_returns(chosen: Sequence[Path], progress: Progress | None = None) -> Opened:
    files, problems = return_files(chosen)
    returns: list[MemberReturn] = []
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files), f"Reading {path.name}")
        try:
            returns.append(read_return_file(path))
        except UnusableReturn as exc:
            problems.append(str(exc))
    return Opened(tuple(returns), tuple(problems))


class UnusableReturn(ValueError):
    """A file that is not a PeerLog return PeerLog can read; the message names it and says why."""


def read_return_file(path: Path) -> MemberReturn:
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UnusableReturn(f"{name}: too big to be a PeerLog return.")
        text = path.read_text(encoding="utf-8-sig")
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError as exc:
        raise UnusableReturn(f"{name}: cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise UnusableReturn(f"{name}: not a PeerLog return (it is not a text file).") from None
    return read_return_text(text, name, modified)


def read_return_text(text: str, name: str, modified: datetime | None = None) -> MemberReturn:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # RecursionError: nested beyond reason
        raise UnusableReturn(
            f"{name}: not a PeerLog return (it is not JSON). Ask the member for the .json "
            "return PeerLog makes."
        ) from None
    schema = document.get("schema") if isinstance(document, dict) else None
    known = _RETURN_SCHEMA.match(schema) if isinstance(schema, str) else None
    if isinstance(schema, str) and schema.startswith("peerlog.alliance-return/"):
        raise UnusableReturn(
            f"{name}: not a PeerLog return from a member: it is an alliance return, already "
            "combined. Choose the members' own returns."
        )
    if known is None:
        raise UnusableReturn(
            f"{name}: not a PeerLog return. Ask the member for the .json return PeerLog makes "
            "(Returns, then Save as JSON)."
        )
    if schema not in SCHEMA_FILES:
        raise UnusableReturn(
            f"{name}: made by a newer PeerLog (return version {known.group(1)}). Update PeerLog, "
            "then combine again."
        )
    errors = schema_errors(document, _schema(SCHEMA_FILES[schema]))
    if errors:
        more = f" (and {len(errors) - SCHEMA_SHOWN} more)" if len(errors) > SCHEMA_SHOWN else ""
        raise UnusableReturn(
            f"{name}: does not match the shape of a PeerLog return, so it may have been edited "
            f"by hand: {'; '.join(errors[:SCHEMA_SHOWN])}{more}. Ask the member to send it again."
        )
    return read_member(document, name, modified)


@cache
def _schema(file_name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        resource_path("schemas", file_name).read_text(encoding="utf-8")
    )
    return loaded
