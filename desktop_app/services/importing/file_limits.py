"""Limits that keep a hostile or broken import file from exhausting the computer, checked
before the file is read in full.

A 22 KB zip can unpack to three million rows, and a few KB of XML can declare entities that
expand to gigabytes. So: the file itself, each file inside a zip or workbook (its declared size
and, while it is unpacked, its real size), the rows of each sheet, and the XML of a workbook
(no DOCTYPE or entities, which no spreadsheet program writes; row numbers that count up from 1)
are all checked, and anything beyond them is a plain problem, never a crash.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

MB = 1024 * 1024
MAX_FILE_BYTES = 200 * MB  # an import file (workbook, zip or CSV) as it is stored
MAX_UNPACKED_BYTES = 200 * MB  # a file inside a zip or workbook, unpacked
MAX_TOTAL_UNPACKED_BYTES = 400 * MB  # everything inside a zip or workbook, unpacked
MAX_ROWS = 200_000  # rows in one sheet or CSV file: ten years of a large group's sessions
MAX_MEMBERS = 1000  # files inside a zip or workbook
CHUNK = 1 * MB

# What reading a damaged zip or workbook raises, besides zipfile.BadZipFile
ARCHIVE_ERRORS: tuple[type[Exception], ...] = (zipfile.BadZipFile, zlib.error, OSError, EOFError)
ARCHIVE_ERRORS += (RuntimeError, ValueError, NotImplementedError, KeyError)

_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]{0,2000}?\sr\s*=\s*[\"']([^\"']{0,40})[\"']")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_RELS = "xl/_rels/workbook.xml.rels"
A_SHEET = "A sheet"
_OVERLAP = 4096  # bytes kept between chunks so that a tag cut in two is still seen


class TooLarge(Exception):
    """The file is beyond a limit; the message says which, plainly, and what to do."""


_UNNAMED: tuple[type[Exception], ...] = (*ARCHIVE_ERRORS, ElementTree.ParseError, TooLarge)


def too_many_rows(what: str) -> str:
    return (
        f"{what} has more than {MAX_ROWS:,} rows, more than PeerLog imports at once. Split it "
        "into smaller files and import them one after another."
    )


def require_small_enough(path: Path) -> None:
    """Refuse a file too large to import, before reading any of it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TooLarge(
            f"This file is {size / MB:,.0f} MB, more than the {MAX_FILE_BYTES // MB} MB PeerLog "
            "imports at once. Split it into smaller files."
        )


def require_members_small_enough(archive: zipfile.ZipFile) -> None:
    """Refuse a zip or workbook whose files say they unpack to too much (their real size is
    checked again as they are read: see `read_member`)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise TooLarge(f"There are {len(members):,} files inside: too many to be an import.")
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > MAX_UNPACKED_BYTES or total > MAX_TOTAL_UNPACKED_BYTES:
            raise TooLarge(_unpacks_to_too_much(PurePosixPath(info.filename).name))


def _unpacks_to_too_much(name: str) -> str:
    return (
        f"{name} unpacks to more than {MAX_UNPACKED_BYTES // MB} MB, more than PeerLog imports "
        "at once. Split it into smaller files."
    )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A file inside a zip, stopping as soon as it is larger than it may be, whatever it
    declared."""
    return b"".join(_member_chunks(archive, info))


def _member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    read = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            read += len(chunk)
            if read > MAX_UNPACKED_BYTES:
                raise TooLarge(_unpacks_to_too_much(PurePosixPath(info.filename).name))
            yield chunk


def check_workbook_xml(archive: zipfile.ZipFile) -> str | None:
    """What is wrong with a workbook's XML (None: nothing found): a DOCTYPE or entity (an
    "entity bomb"), or a sheet whose rows are numbered below 1, backwards, or past MAX_ROWS."""
    require_members_small_enough(archive)
    sheet_problems: dict[str, str] = {}
    for info in archive.infolist():
        name = info.filename
        if not name.casefold().endswith((".xml", ".rels", ".vml")):
            continue
        is_sheet = name.startswith("xl/worksheets/")
        problem = _xml_problem(_member_chunks(archive, info), is_sheet)
        if problem is not None and not is_sheet:
            return problem
        if problem is not None:
            sheet_problems[name] = problem
    for name, problem in sheet_problems.items():  # no entities anywhere: the names can be read
        return problem.replace(A_SHEET, _sheet_title(archive, name))
    return None


def _sheet_title(archive: zipfile.ZipFile, member: str) -> str:
    """ "The sheet people" for xl/worksheets/sheet1.xml, from the workbook's own list of
    sheets; "A sheet" when that cannot be read."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        rels = ElementTree.fromstring(read_member(archive, archive.getinfo(_RELS)))
        targets = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels}
        book = ElementTree.fromstring(read_member(archive, archive.getinfo("xl/workbook.xml")))
        for sheet in book.iter(f"{main}sheet"):
            target = targets.get(sheet.get(f"{relationships}id"), "")
            if member in (target, f"xl/{target}"):
                return f"The sheet {sheet.get('name')}"
    except _UNNAMED:
        pass
    return A_SHEET


def _xml_problem(chunks: Iterator[bytes], is_sheet: bool) -> str | None:
    previous = 0
    kept = b""
    for chunk in chunks:
        text = kept + chunk
        if _DECLARATION.search(text):
            return (
                "This workbook holds XML declarations (a DOCTYPE or entities) that no spreadsheet "
                "program writes; PeerLog does not read them. Open it in Excel, save it again as "
                ".xlsx, and try once more."
            )
        cut = max(0, len(text) - _OVERLAP)
        if is_sheet:
            for match in _ROW_NUMBER.finditer(text):
                if match.end() <= len(kept):
                    continue  # seen in the previous chunk
                problem = _row_number_problem(match.group(1), previous)
                if problem is not None:
                    return problem
                previous = int(match.group(1))
        kept = text[cut:]
    return None


def _row_number_problem(found: bytes, previous: int) -> str | None:
    text = found.decode("ascii", "replace")
    number = int(text) if text.isdigit() else None
    if number is None or number <= previous:
        return (
            f'{A_SHEET} numbers a row "{text}", which no spreadsheet program does: the file is '
            "damaged. Open it in Excel, save it again as .xlsx, and try once more."
        )
    if number > MAX_ROWS:
        return too_many_rows(A_SHEET)
    return None
