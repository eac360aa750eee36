"""Lists out, through the services: a shown list saved as a PDF and as a CSV file, read back
the way a trustee's computer would (pypdf, Python's csv), and recorded in the audit trail."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.protection.audit import Action
from desktop_app.services import settings
from desktop_app.services.lists import saving
from desktop_app.services.lists.saving import save_list
from desktop_app.services.lists.shown_list import PERSONAL_DATA_MARK, ShownList, shown_list
from desktop_app.store.database import Database
from desktop_app.store.errors import CannotWriteFile
from desktop_app.store.protection import audit_repo

COLUMNS = ("Reference", "Name", "Born")
ROWS = 250  # more than a screen's page of rows (200), and several pages of PDF


def people_list(db: Database, personal: bool = True) -> ShownList:
    settings.set_organisation_name(db, "Riverside Peer Support")
    rows = [(f"P{n:04d}", f"Person number {n}", str(1950 + n % 50)) for n in range(ROWS - 1)]
    rows.append(("P9999", '=HYPERLINK("http://evil.example","x")', "-1"))
    return shown_list(
        db,
        "People",
        ["current people", "search 'smith'", "sorted by Name"],
        COLUMNS,
        rows,
        personal=personal,
        widths=(10, 30, 5),
        right_aligned=(2,),
    )


def exports(db: Database) -> list[str]:
    return [
        e.record_kind for e in audit_repo.all_entries(db.connection()) if e.action == Action.EXPORT
    ]


def test_pdf_has_title_filters_every_row_header_and_marking_on_each_page(
    db: Database, tmp_path: Path
) -> None:
    shown = people_list(db)
    path = save_list(db, shown, tmp_path / "people.pdf", "pdf")
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]
    assert len(pages) > 2
    first = pages[0]
    assert "People — current people — search 'smith' — sorted by Name" in first
    assert "Riverside Peer Support · made on" in first
    for number, text in enumerate(pages, start=1):
        assert PERSONAL_DATA_MARK in text, number
        assert "Reference Name Born" in text, number  # the header row, repeated
        assert f"Page {number} of {len(pages)}" in text
    everything = " ".join(pages)
    for n in range(ROWS - 1):
        assert f"P{n:04d} Person number {n} " in everything + " "
    assert exports(db) == ["People list (PDF)"]


def test_csv_has_bom_marking_title_then_blank_then_every_row_neutralised(
    db: Database, tmp_path: Path
) -> None:
    shown = people_list(db)
    path = save_list(db, shown, tmp_path / "people.csv", "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [PERSONAL_DATA_MARK]
    assert rows[1] == ["People — current people — search 'smith' — sorted by Name"]
    assert rows[2][0].startswith("Riverside Peer Support · made on")
    assert rows[3] == []
    assert tuple(rows[4]) == COLUMNS
    body = rows[5:]
    assert [tuple(r) for r in body[:-1]] == [tuple(r) for r in shown.rows[:-1]]
    assert len(body) == ROWS
    assert body[-1] == ["P9999", '\'=HYPERLINK("http://evil.example","x")', "'-1"]
    assert exports(db) == ["People list (CSV)"]


def test_a_list_without_personal_data_is_not_marked_nor_audited(
    db: Database, tmp_path: Path
) -> None:
    path = save_list(db, people_list(db, personal=False), tmp_path / "list.csv", "csv")
    assert PERSONAL_DATA_MARK not in path.read_text(encoding="utf-8-sig")
    pdf = save_list(db, people_list(db, personal=False), tmp_path / "list.pdf", "pdf")
    assert PERSONAL_DATA_MARK not in " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert exports(db) == []


def test_a_failed_save_leaves_no_file_and_records_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = people_list(db)
    out = tmp_path / "out"
    out.mkdir()

    def breaks(_shown: ShownList, out: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving, "write_csv", breaks)
    with pytest.raises(CannotWriteFile, match="disk is full"):
        save_list(db, shown, out / "people.csv", "csv")
    assert list(out.iterdir()) == []
    with pytest.raises(CannotWriteFile, match="Nothing was saved"):
        save_list(db, shown, out / "gone" / "people.pdf", "pdf")
    assert list(out.iterdir()) == []
    assert exports(db) == []


def test_a_pdf_cancelled_while_laid_out_leaves_no_file(db: Database, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel_on_second_page(number: int) -> None:
        if number == 2:
            raise Cancelled()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        save_list(db, people_list(db), out / "people.pdf", "pdf", cancel_on_second_page)
    assert list(out.iterdir()) == []
    assert exports(db) == []
