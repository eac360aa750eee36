"""Reading an import source: an .xlsx workbook, or a folder or .zip of CSV files.

Each sheet or file the template knows becomes a `SourceTable` whose rows are read lazily (a
100,000-row file is never held twice). CSV text may be UTF-8 with or without a byte order mark,
UTF-16 with one, or Windows-1252 as Excel often saves it. Anything that cannot be read is an
`ImportProblem`, never a crash.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.spreadsheet_text import from_csv_cell
from desktop_app.services.importing.file_limits import (
    ARCHIVE_ERRORS,
    MAX_ROWS,
    TooLarge,
    read_member,
    require_members_small_enough,
    require_small_enough,
    too_many_rows,
)
from desktop_app.services.importing.source_tables import (
    FILE_NAMES,
    Rows,
    Source,
    UnreadableRows,
)


@contextlib.contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """The tables of an .xlsx workbook, a .zip of CSV files or a folder of CSV files."""
    source = Source()
    name = path.name
    if not path.exists():
        source.problems.append(
            _whole_file(name, "There is no file or folder here. Check its name.")
        )
        yield source
    elif path.is_dir():
        for file in sorted(path.iterdir()):
            if file.suffix.casefold() == ".csv" and file.is_file():
                _add_csv(source, file.name, functools.partial(read_csv_file, file))
        _require_some(source, name)
        yield source
    elif path.suffix.casefold() == ".zip":
        with _opened_zip(path, source) as archive:
            if archive is not None:
                _add_zip_members(source, archive)
                _require_some(source, name)
            yield source
    elif path.suffix.casefold() in (".xlsx", ".xlsm"):
        from desktop_app.services.importing.workbook import opened_workbook

        with opened_workbook(path, source):
            yield source
    elif path.suffix.casefold() == ".csv":
        _add_csv(source, path.name, functools.partial(read_csv_file, path))
        yield source
    else:
        source.problems.append(_whole_file(name, _NOT_A_SOURCE))
        yield source


_NOT_A_SOURCE = (
    "PeerLog imports an Excel workbook (.xlsx), a .zip of CSV files or a folder of CSV files. "
    "An old .xls workbook: open it in Excel and save it as .xlsx."
)


def _whole_file(source: str, expected: str) -> ImportProblem:
    return ImportProblem(source, None, "", "", expected)


def _require_some(source: Source, name: str) -> None:
    if not source.tables and not source.problems:
        source.problems.append(
            _whole_file(name, f"There are no CSV files here. Name them {FILE_NAMES}.")
        )


def read_csv_file(path: Path) -> bytes:
    """A CSV file's bytes, once it is known not to be too large to import."""
    require_small_enough(path)
    return path.read_bytes()


@contextlib.contextmanager
def _opened_zip(path: Path, source: Source) -> Iterator[zipfile.ZipFile | None]:
    try:
        require_small_enough(path)
        archive = zipfile.ZipFile(path)
    except TooLarge as error:
        source.problems.append(_whole_file(path.name, str(error)))
        yield None
        return
    except ARCHIVE_ERRORS:
        source.problems.append(
            _whole_file(path.name, "This is not a .zip file PeerLog can open. Zip it again.")
        )
        yield None
        return
    with archive:
        try:
            require_members_small_enough(archive)
        except TooLarge as error:
            source.problems.append(_whole_file(path.name, str(error)))
            yield None
            return
        yield archive


def _add_zip_members(source: Source, archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        member = PurePosixPath(info.filename)
        if info.is_dir() or "__MACOSX" in member.parts or member.name.startswith("."):
            continue
        if member.suffix.casefold() == ".csv":
            _add_csv(source, member.name, functools.partial(read_member, archive, info))


def _add_csv(source: Source, file_name: str, read: Callable[[], bytes]) -> None:
    try:
        data = read()
    except TooLarge as error:
        source.problems.append(_whole_file(file_name, str(error)))
        return
    except ARCHIVE_ERRORS:
        source.problems.append(
            _whole_file(file_name, "This file cannot be read: it is damaged. Zip it again.")
        )
        return
    text = decoded(data)
    if text is None:
        source.problems.append(
            _whole_file(
                file_name,
                "The text is in an encoding PeerLog cannot recognise. In Excel, save it as "
                "'CSV UTF-8 (Comma delimited)'.",
            )
        )
        return
    if not text.strip():
        source.problems.append(
            _whole_file(file_name, "The file is empty. It needs at least the row of headings.")
        )
        return
    lines = text.count("\n")
    if lines > MAX_ROWS + 1:  # the row of headings, then the rows
        source.problems.append(_whole_file(file_name, too_many_rows("This file")))
        return
    source.add(file_name, file_name, lambda: csv_rows(text, file_name), lines)


def decoded(data: bytes) -> str | None:
    """The text of a CSV file: UTF-8 (a byte order mark is dropped), UTF-16 with a byte order
    mark, or else Windows-1252; None when it is none of them, or when reading it as
    Windows-1252 gives text no one writes (Japanese or Chinese text saved in its own encoding
    reads as a jumble of rare symbols: better refused than imported as gibberish)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or (encoding == "cp1252" and _unlikely_western(text)):
            return None
        return text
    return None


# Characters Windows-1252 has that Western European text hardly ever uses, but that many
# bytes of Shift-JIS, GBK or Big5 text turn into when read as Windows-1252; and runs of
# accented letters and symbols longer than any Western word has (each Japanese or Chinese
# character becomes two of them).
_RARE_IN_WESTERN = frozenset("ƒ„†‡ˆ‰Š‹ŒŽ˜š›œžŸ¤¦¨¬¯´¸¹º¼½¾")
_LONG_RUN_BEYOND_ASCII = re.compile(r"[^\x00-\x7f\s]{4,}")


def _unlikely_western(text: str) -> bool:
    beyond_ascii = [ch for ch in text if ord(ch) > 127]
    rare = sum(1 for ch in beyond_ascii if ch in _RARE_IN_WESTERN)
    return (rare >= 2 and rare * 5 >= len(beyond_ascii)) or bool(
        _LONG_RUN_BEYOND_ASCII.search(text)
    )


def csv_rows(text: str, source: str) -> Rows:
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [from_csv_cell(cell) for cell in cells]
    except csv.Error:
        raise UnreadableRows(
            ImportProblem(
                source,
                number + 1,
                "",
                "",
                'This row cannot be read: a quote mark (") is probably not closed, or a cell '
                "is far too long. Check the quote marks from here on.",
            )
        ) from None
