"""Hostile and damaged import files, made on the spot: flipped bytes, cut-off files, wrong XML,
entity and zip bombs, rows numbered below 1 or far past the end, text in an encoding PeerLog
would read as gibberish. Every one ends in problems listed plainly (or, while mapping, one
plain message), never an exception, and never writes anything. Each file is small and the
whole class runs in seconds."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.services.databases import create_database
from desktop_app.services.importing import file_limits
from desktop_app.services.importing.mapping import UnreadableSpreadsheet, first_look
from desktop_app.services.importing.template_import import (
    ImportRefused,
    preview_import,
    run_import,
)
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE
from tests.snapshots import snapshot
from tests.test_cli_basics import peerlog

SHEET = "xl/worksheets/sheet1.xml"
ROWS = [["ref", "known_as", "notes"], ["P-1", "Amara", "first"], ["P-2", "Ben", "second"]]
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%d;" % (n - 1) for _ in range(10)))
        for n in range(2, 9)
    ).replace(b"&lol1;", b"&lol;")
    + b"]>"
)


def good_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


def rewritten(good: Path, out: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            copy.writestr(info.filename, change(data) if info.filename == member else data)
    return out


def sheet_xml(change: Callable[[bytes], bytes]) -> Callable[[Path, Path], Path]:
    return lambda good, out: rewritten(good, out, SHEET, change)


def flipped_in_sheet(fraction: float) -> Callable[[Path, Path], Path]:
    """A byte of the sheet's compressed data flipped, as a bad disk or download does."""

    def make(good: Path, out: Path) -> Path:
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as archive:
            info = archive.getinfo(SHEET)
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        data[start + int(info.compress_size * fraction)] ^= 0xFF
        out.write_bytes(bytes(data))
        return out

    return make


def cut_at(fraction: float) -> Callable[[Path, Path], Path]:
    def make(good: Path, out: Path) -> Path:
        data = good.read_bytes()
        out.write_bytes(data[: int(len(data) * fraction)])
        return out

    return make


def renumbered(row: bytes) -> Callable[[Path, Path], Path]:
    """The second data row renumbered, its cells' references too."""
    return sheet_xml(
        lambda x: (
            x.replace(b'<row r="3"', b'<row r="' + row + b'"')
            .replace(b'r="A3"', b'r="A' + row + b'"')
            .replace(b'r="B3"', b'r="B' + row + b'"')
            .replace(b'r="C3"', b'r="C' + row + b'"')
        )
    )


WORKBOOKS: dict[str, Callable[[Path, Path], Path]] = {
    "flipped byte, start": flipped_in_sheet(0.05),
    "flipped byte, middle": flipped_in_sheet(0.5),
    "flipped byte, end": flipped_in_sheet(0.95),
    "cut to a tenth": cut_at(0.1),
    "cut in half": cut_at(0.5),
    "cut just short": cut_at(0.98),
    "not xml": sheet_xml(lambda x: b"this is not xml at all"),
    "unclosed tags": sheet_xml(lambda x: x[: len(x) // 2]),
    "row number not a number": sheet_xml(lambda x: x.replace(b'<row r="2"', b'<row r="x"')),
    "cell reference wrong": sheet_xml(lambda x: x.replace(b'r="A2"', b'r="A-"')),
    "cell value not a number": sheet_xml(
        lambda x: x.replace(b'<c r="B2" t="inlineStr"', b'<c r="B2" t="n"').replace(
            b"<is><t>Amara</t></is>", b"<v>Amara</v>"
        )
    ),
    "row numbered -5": renumbered(b"-5"),
    "row numbered 99,999,999,999": renumbered(b"99999999999"),
    "rows numbered backwards": renumbered(b"1"),
    "entity bomb": sheet_xml(lambda x: ENTITY_BOMB + x.replace(b">Amara<", b">&lol8;<")),
    "entity bomb in shared parts": lambda good, out: rewritten(
        good, out, "xl/workbook.xml", lambda x: ENTITY_BOMB + x
    ),
    "sheet missing": lambda good, out: rewritten(
        good, out, "xl/_rels/workbook.xml.rels", lambda x: x.replace(b"sheet1.xml", b"sheet9.xml")
    ),
    "empty file": lambda good, out: (out.write_bytes(b""), out)[1],
}


@pytest.mark.parametrize("damage", list(WORKBOOKS), ids=list(WORKBOOKS))
def test_a_damaged_workbook_ends_in_problems_never_an_exception(
    db: Database, tmp_path: Path, damage: str
) -> None:
    good = good_workbook(tmp_path / "good.xlsx")
    hostile = WORKBOOKS[damage](good, tmp_path / "hostile.xlsx")
    before = snapshot(db)
    started = time.monotonic()
    report = preview_import(db, hostile)
    assert report.problems, damage
    assert all(p.expected for p in report.problems)
    with pytest.raises(ImportRefused):
        run_import(db, hostile)
    assert snapshot(db) == before
    try:
        first_look(hostile)  # the mapping step either reads it or says why it cannot
    except UnreadableSpreadsheet as error:
        assert "Traceback" not in str(error)
    assert time.monotonic() - started < 10


def test_a_wrongly_numbered_row_is_said_with_its_sheet(db: Database, tmp_path: Path) -> None:
    good = good_workbook(tmp_path / "good.xlsx")
    hostile = WORKBOOKS["row numbered -5"](good, tmp_path / "hostile.xlsx")
    [problem] = preview_import(db, hostile).problems
    assert problem.expected.startswith('The sheet people numbers a row "-5"')


def test_the_good_workbook_the_damage_starts_from_imports(db: Database, tmp_path: Path) -> None:
    report = run_import(db, good_workbook(tmp_path / "good.xlsx"))
    assert report.ok and report.summary() == ["people: 2 added, 0 updated"]


def zip_of(path: Path, **files: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_of_three_million_rows_is_refused_quickly(db: Database, tmp_path: Path) -> None:
    bomb = zip_of(
        tmp_path / "bomb.zip", **{"people.csv": b"ref,known_as\n" + b"P-1,A\n" * 3_000_000}
    )
    assert bomb.stat().st_size < 40_000
    started = time.monotonic()
    report = preview_import(db, bomb)
    assert time.monotonic() - started < 10
    [problem] = report.problems
    assert "more than 200,000 rows" in problem.expected and "Split it" in problem.expected


def test_a_file_that_unpacks_to_more_than_it_may_is_stopped_while_reading(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file refused on its declared size, and on its real size as it unpacks."""
    monkeypatch.setattr(file_limits, "MAX_UNPACKED_BYTES", 1_000_000)
    monkeypatch.setattr(file_limits, "CHUNK", 64 * 1024)
    big = zip_of(tmp_path / "big.zip", **{"people.csv": b"ref,known_as\n" + b"P-1,A\n" * 400_000})
    report = preview_import(db, big)
    assert ["unpacks to more than 0 MB" in p.expected for p in report.problems] == [True]
    # and, whatever a file says of its size, it is stopped as it unpacks
    with zipfile.ZipFile(big) as archive, pytest.raises(file_limits.TooLarge):
        file_limits.read_member(archive, archive.getinfo("people.csv"))


def test_a_file_too_large_is_refused_before_it_is_read(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_limits, "MAX_FILE_BYTES", 1000)
    source = tmp_path / "people.csv"
    source.write_bytes(b"ref,known_as\n" + b"P-1,A\n" * 1000)
    [problem] = preview_import(db, source).problems
    assert "more than the 0 MB PeerLog imports at once" in problem.expected


def test_a_workbook_of_too_many_rows_without_numbers_is_stopped(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_limits, "MAX_ROWS", 50)
    from desktop_app.services.importing import template_import

    monkeypatch.setattr(template_import, "MAX_ROWS", 50)
    rows = b"".join(b'<row><c t="inlineStr"><is><t>P-%d</t></is></c></row>' % n for n in range(99))
    hostile = rewritten(
        good_workbook(tmp_path / "good.xlsx"),
        tmp_path / "many.xlsx",
        SHEET,
        lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>"),
    )
    report = preview_import(db, hostile)
    assert any("more than 50 rows" in p.expected for p in report.problems)


def test_problems_beyond_those_listed_are_counted(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("ref,known_as,gender\n" + "".join(f"P-{n},A,F\n" for n in range(12_500)))
    report = preview_import(db, source)
    assert len(report.problems) == 1000 and report.more_problems == 11_500


@pytest.mark.parametrize(
    ("names", "encoding"),
    [
        ("山田太郎\nテスト花子", "shift_jis"),
        ("佐藤\n鈴木一郎", "shift_jis"),
        ("王小明\n李明", "gbk"),
    ],
)
def test_text_in_an_east_asian_encoding_is_refused_not_imported_as_gibberish(
    db: Database, tmp_path: Path, names: str, encoding: str
) -> None:
    lines = [f"P-{n},{name}" for n, name in enumerate(names.split("\n"))]
    source = tmp_path / "people.csv"
    source.write_bytes("\n".join(["ref,known_as", *lines, ""]).encode(encoding))
    [problem] = preview_import(db, source).problems
    assert "CSV UTF-8" in problem.expected
    source.write_bytes("\n".join(["ref,known_as", *lines, ""]).encode("utf-8"))
    assert run_import(db, source).ok


def test_western_text_saved_by_old_excel_is_still_read(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    text = "ref,known_as,notes\nP-1,Zoë Größe,„Hallo“ – café … €5 • Œuvre naïve Ærø\n"
    source.write_bytes(text.encode("cp1252"))
    assert run_import(db, source).ok


def csv_zip(path: Path) -> Path:
    return zip_of(path, **{"people.csv": b"ref,known_as,notes\n" + b"P-1,Amara,first\n" * 200})


def flipped_zip(fraction: float) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        good = csv_zip(path.with_name("good.zip"))
        data = bytearray(good.read_bytes())
        with zipfile.ZipFile(good) as archive:
            info = archive.getinfo("people.csv")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        data[start + int(info.compress_size * fraction)] ^= 0xFF
        path.write_bytes(bytes(data))
        return path

    return make


def cut_zip(fraction: float) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        data = csv_zip(path.with_name("good.zip")).read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])
        return path

    return make


ZIPS: dict[str, Callable[[Path], Path]] = {
    "flipped byte, start": flipped_zip(0.1),
    "flipped byte, end": flipped_zip(0.9),
    "cut in half": cut_zip(0.5),
    "cut just short": cut_zip(0.97),
    "not a zip": lambda path: (path.write_bytes(b"PK\x03\x04 and then nothing"), path)[1],
    "too many files": lambda path: zip_of(
        path, **{f"notes{n}.txt": b"" for n in range(file_limits.MAX_MEMBERS + 1)}
    ),
}


@pytest.mark.parametrize("damage", list(ZIPS), ids=list(ZIPS))
def test_a_damaged_zip_ends_in_problems_never_an_exception(
    db: Database, tmp_path: Path, damage: str
) -> None:
    hostile = ZIPS[damage](tmp_path / "hostile.zip")
    before = snapshot(db)
    assert preview_import(db, hostile).problems
    with pytest.raises(ImportRefused):
        run_import(db, hostile)
    assert snapshot(db) == before


def test_the_command_line_lists_the_first_problems_and_counts_the_rest(tmp_path: Path) -> None:
    create_database(tmp_path / "Group", "Group", PASSPHRASE).database.close()
    source = tmp_path / "people.csv"
    source.write_text("ref,known_as,gender\n" + "".join(f"P-{n},A,F\n" for n in range(2500)))
    result = peerlog("import", "--db", tmp_path / "Group", source, PEERLOG_PASSPHRASE=PASSPHRASE)
    assert result.returncode == 1
    assert "Nothing was imported: 2,500 problem(s) to fix first." in result.stderr
    assert result.stderr.rstrip().endswith("... and 1,500 more.")
