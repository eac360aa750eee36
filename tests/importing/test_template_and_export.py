"""The template workbook, Export all records, the round trip through them, and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.domain.importing.template import READ_ME, SHEETS
from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.services.databases import create_database
from desktop_app.services.demo.builder import create_demo_database
from desktop_app.services.importing.export_all import export_all, export_file_name
from desktop_app.services.importing.template_files import write_template
from desktop_app.services.importing.template_import import preview_import, run_import
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE
from tests.test_cli_basics import peerlog

TODAY = date(2025, 5, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "Demo"
    db = create_demo_database(path, "small", seed=3, today=TODAY).database
    yield db
    db.close()


def records(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """The records as the template carries them: by reference, not by local key or time."""
    conn = db.connection()
    queries = {
        "people": "SELECT p.ref, known_as, year_of_birth, gender, ethnic_group, disability, "
        "postcode_district, referral_source, first_contact, archived, notes, c.recorded_on, "
        "c.method, c.share_story, c.be_contacted FROM people p LEFT JOIN consents c ON c.id = "
        "(SELECT id FROM consents WHERE person_id = p.id "
        "ORDER BY recorded_on DESC, id DESC LIMIT 1)",
        "volunteers": "SELECT ref, name, roles, started_on, ended_on, lived_experience, "
        "dbs_checked_on FROM volunteers",
        "training": "SELECT v.ref, course, completed_on, expires_on FROM training_records t "
        "JOIN volunteers v ON v.id = t.volunteer_id",
        "sessions": "SELECT uuid, held_on, starts_at, minutes, kind, mode, venue, "
        "anonymous_headcount, topics, notes FROM sessions",
        "safeguarding concerns": "SELECT c.uuid, p.ref, s.uuid, raised_on, raised_by, c.kind, "
        "what_happened, passed_to, resolved_on, resolved_by FROM safeguarding_concerns c "
        "LEFT JOIN people p ON p.id = c.person_id LEFT JOIN sessions s ON s.id = c.session_id",
        "safeguarding actions": "SELECT c.uuid, a.uuid IS NOT NULL, taken_on, what, by_whom "
        "FROM safeguarding_actions a JOIN safeguarding_concerns c ON c.id = a.concern_id",
        "referrals": "SELECT s.uuid, destination, p.ref FROM onward_referrals r JOIN sessions s "
        "ON s.id = r.session_id LEFT JOIN people p ON p.id = r.person_id",
        "case studies": "SELECT p.ref, written_on, title, body, consent_to_share FROM "
        "case_studies c JOIN people p ON p.id = c.person_id",
        "outcomes": "SELECT p.ref, measure_code, stage, taken_on, item_scores, total, metric, "
        "complete FROM outcome_records o JOIN people p ON p.id = o.person_id",
        "attendance": "SELECT s.uuid, p.ref FROM attendances a JOIN sessions s ON "
        "s.id = a.session_id JOIN people p ON p.id = a.person_id",
        "facilitators": "SELECT s.uuid, v.ref FROM session_facilitators f JOIN sessions s ON "
        "s.id = f.session_id JOIN volunteers v ON v.id = f.volunteer_id",
        "hours": "SELECT v.ref, worked_on, h.minutes, activity, s.uuid FROM volunteer_hours h JOIN "
        "volunteers v ON v.id = h.volunteer_id LEFT JOIN sessions s ON s.id = h.session_id",
        "referrals received": "SELECT p.ref, received_on, source_kind, organisation, "
        "referrer_role, needs, consent_to_feedback, share_scores, r.notes, contact_attempted_on, "
        "contacted_on, closed_on, closed_reason FROM referrals r "
        "JOIN people p ON p.id = r.person_id",
    }
    return {name: sorted(conn.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_demo_exported_and_imported_into_an_empty_database_gives_the_same_records(
    demo: Database, db: Database, tmp_path: Path, suffix: str
) -> None:
    written = export_all(demo, tmp_path / f"archive{suffix}")
    assert written.name.startswith("PERSONAL DATA - ")
    report = run_import(db, written)
    assert report.ok
    expected = records(demo)
    assert records(db) == expected
    assert all(expected[name] for name in expected)  # the demo has every kind of record
    again = preview_import(db, written)  # and a second import would change nothing
    assert again.ok and all(c.added == c.updated == 0 for c in again.counts)
    assert {c.what for c in again.counts} >= {
        "onward referrals",
        "case studies",
        "outcomes",
        "referrals received",
        "safeguarding concerns",
        "safeguarding actions",
    }
    assert not list(tmp_path.glob(".*partial*"))


def test_the_template_has_a_sheet_per_record_type_and_a_read_me_listing_every_column(
    tmp_path: Path,
) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    supported = SHEETS
    assert book.sheetnames == [READ_ME, *(s.name for s in supported)]
    for sheet in supported:
        [header] = book[sheet.name].iter_rows(max_row=1, values_only=True)
        assert list(header) == [c.name for c in sheet.columns]
    read_me = [row for row in book[READ_ME].iter_rows(values_only=True) if row and row[1]]
    listed = {(row[0], row[1]): (row[2], row[4]) for row in read_me}
    for sheet in supported:
        for column in sheet.columns:
            required, accepted = listed[sheet.name, column.name]
            assert required == ("required" if column.required else "optional")
            assert accepted == column.accepted()
    assert "asian_pakistani (Pakistani)" in listed["people", "ethnicity"][1]


def test_the_blank_template_imports_as_nothing(db: Database, tmp_path: Path) -> None:
    report = run_import(db, write_template(tmp_path / "template.xlsx"))
    assert report.ok and report.summary() == []


def test_export_names_say_personal_data_and_text_never_becomes_a_formula(
    db: Database, tmp_path: Path
) -> None:
    assert export_file_name("Hope/Group: North", TODAY, "xlsx") == (
        "PERSONAL DATA - Hope Group North - all records 2025-05-14.xlsx"
    )
    people.add_person(db, Person("=HYPERLINK(1)", ref="P-1"))
    folder = tmp_path / "exports"
    folder.mkdir()
    written = export_all(db, folder)
    assert written.parent == folder and written.name.startswith("PERSONAL DATA - Test Group - ")
    book = load_workbook(written, read_only=True)
    [row] = book["people"].iter_rows(min_row=2, values_only=True)
    assert row[1] == "=HYPERLINK(1)"
    book.close()


def test_cli_template_import_dry_run_problems_and_export(tmp_path: Path) -> None:
    db_path = tmp_path / "Group"
    create_database(db_path, "Group", PASSPHRASE).database.close()
    assert peerlog("template", "--out", tmp_path / "t.xlsx").returncode == 0
    source = tmp_path / "source"
    source.mkdir()
    (source / "people.csv").write_text("ref,known_as,gender\nP-1,Amara,F\nP-2,Ben,man\n")
    bad = peerlog("import", "--db", db_path, source, PEERLOG_PASSPHRASE=PASSPHRASE)
    assert bad.returncode == 1
    assert 'people.csv, row 2, column gender: found "F".' in bad.stderr
    (source / "people.csv").write_text("ref,known_as,gender\nP-1,Amara,woman\nP-2,Ben,man\n")
    dry = peerlog("import", "--db", db_path, source, "--dry-run", PEERLOG_PASSPHRASE=PASSPHRASE)
    assert dry.returncode == 0 and "people: 2 added, 0 updated" in dry.stdout
    done = peerlog("import", "--db", db_path, source, PEERLOG_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0 and "people: 2 added" in done.stdout
    again = peerlog("import", "--db", db_path, source, PEERLOG_PASSPHRASE=PASSPHRASE)
    assert "people: 0 added, 0 updated, 2 already up to date" in again.stdout
    out = peerlog(
        "export-all", "--db", db_path, "--out", tmp_path / "all.xlsx", PEERLOG_PASSPHRASE=PASSPHRASE
    )
    assert out.returncode == 0 and (tmp_path / "PERSONAL DATA - all.xlsx").exists()


def test_a_sheet_too_big_for_excel_is_refused_before_any_file_is_written(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.importing import export_all as module

    people.add_person(db, Person("Amara", ref="P-1"))
    people.add_person(db, Person("Ben", ref="P-2"))
    monkeypatch.setattr(module, "EXCEL_MAX_ROWS", 2)
    with pytest.raises(module.TooBigForExcel, match="2 rows of people"):
        export_all(db, tmp_path / "all.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["Test.peerlog"]  # the database only
    assert export_all(db, tmp_path / "all").is_dir()  # CSV files have no such limit
