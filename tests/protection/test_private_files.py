"""Every file PeerLog writes outside the encrypted database is readable by its owner only (and
every folder it makes for exports is the owner's only), even under a umask that lets everyone
read new files. Each export runs through its real service on a real encrypted database."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from desktop_app import app_dirs, logging_setup
from desktop_app.domain.returns.periods import Period
from desktop_app.services.databases import backup_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_files import write_template
from desktop_app.services.importing.template_import import ImportProgress
from desktop_app.services.protection import audit, auto_backup, subject_access
from desktop_app.services.returns.build import build_return, export_return
from desktop_app.services.returns.formats import FORMATS
from desktop_app.store import layout
from desktop_app.store.database import Database
from desktop_app.store.private_files import open_private
from tests.conftest import file_mode
from tests.protection.conftest import Records

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows uses ACLs"),
    pytest.mark.usefixtures("permissive_umask"),
]

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


def test_the_umask_in_these_tests_would_let_everyone_read(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert file_mode(plain) == 0o644


def test_export_all_workbook(db: Database, records: Records, tmp_path: Path) -> None:
    written = export_all(db, tmp_path / "all.xlsx")
    assert written.name.startswith("PERSONAL DATA")
    assert file_mode(written) == OWNER_ONLY


def test_export_all_csv_folder_while_partial_and_when_done(
    db: Database, records: Records, tmp_path: Path
) -> None:
    seen_while_writing: set[tuple[str, int]] = set()

    def progress(_step: ImportProgress) -> None:
        (partial,) = tmp_path.glob(".*.partial")
        seen_while_writing.add((partial.name, file_mode(partial)))
        seen_while_writing.update((f.name, file_mode(f)) for f in partial.iterdir())

    written = export_all(db, tmp_path, progress, format="csv")
    assert {mode for _name, mode in seen_while_writing} == {OWNER_ONLY_FOLDER, OWNER_ONLY}
    assert file_mode(written) == OWNER_ONLY_FOLDER
    files = list(written.iterdir())
    assert len(files) >= 5
    assert {f.name: file_mode(f) for f in files} == {f.name: OWNER_ONLY for f in files}


def test_subject_access_files_and_the_folder_made_for_them(
    db: Database, records: Records, tmp_path: Path
) -> None:
    folder = tmp_path / "for Amara"
    files = subject_access.export_subject_access(db, records.person.id, folder)
    assert file_mode(folder) == OWNER_ONLY_FOLDER
    assert file_mode(files.json_file) == OWNER_ONLY
    assert file_mode(files.pdf_file) == OWNER_ONLY
    assert files.pdf_file.read_bytes().startswith(b"%PDF")


def test_audit_trail_csv(db: Database, records: Records, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    assert audit.export_csv(db, out) > 0
    assert file_mode(out) == OWNER_ONLY


@pytest.mark.parametrize("fmt", FORMATS)
def test_returns_in_every_format(db: Database, records: Records, tmp_path: Path, fmt: str) -> None:
    protected = build_return(db, Period.financial_year(2024), "Alliance return")
    out = tmp_path / f"return.{fmt}"
    export_return(db, protected, fmt, out)
    assert out.stat().st_size > 0
    assert file_mode(out) == OWNER_ONLY


def test_import_template(tmp_path: Path) -> None:
    written = write_template(tmp_path / "template.xlsx")
    assert file_mode(written) == OWNER_ONLY


def test_backups_made_by_hand_and_on_close(db: Database, records: Records, tmp_path: Path) -> None:
    by_hand = tmp_path / "by hand" / "copy.peerlog-backup"
    backup_database(db, by_hand)
    assert file_mode(by_hand) == OWNER_ONLY
    assert file_mode(by_hand.parent) == OWNER_ONLY_FOLDER
    folder = tmp_path / "usb stick" / "PeerLog backups"
    auto_backup.choose_backup_folder(db, folder)
    assert file_mode(folder) == OWNER_ONLY_FOLDER
    made = auto_backup.close_with_backup(db)
    assert made is not None and file_mode(made) == OWNER_ONLY
    assert [p.name for p in folder.iterdir()] == [made.name], "no side files left behind"


def test_key_file_of_a_new_database(db: Database) -> None:
    assert file_mode(layout.slots_file(db.folder)) == OWNER_ONLY


def test_log_file_and_the_file_that_replaces_it_on_rotation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger("desktop_app")
    before, level = list(root.handlers), root.level

    def start_logging() -> tuple[Path, logging.Handler]:
        monkeypatch.setattr(logging_setup, "_configured", False)
        path = logging_setup.setup_logging()
        (handler,) = [h for h in root.handlers if h not in before]
        return path, handler

    path, handler = start_logging()
    try:
        assert file_mode(path) == OWNER_ONLY
        logging.getLogger("desktop_app.test").warning("A line before rotating")
        root.removeHandler(handler)
        handler.close()
        with path.open("a", encoding="utf-8") as log:  # past the size that rotates at start
            log.write("x" * logging_setup.MAX_BYTES + "\n")
        path, handler = start_logging()  # the next start of PeerLog
        logging.getLogger("desktop_app.test").warning("A line after rotating")
        rotated = path.with_name(path.name + ".1")
        assert "before rotating" in rotated.read_text(encoding="utf-8")
        assert "after rotating" in path.read_text(encoding="utf-8")
        assert (file_mode(path), file_mode(rotated)) == (OWNER_ONLY, OWNER_ONLY)
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)


def test_a_file_already_there_is_made_private_before_anything_is_written(
    tmp_path: Path,
) -> None:
    existing = tmp_path / "existing.csv"
    existing.write_text("old")
    assert file_mode(existing) == 0o644
    with open_private(existing, "w", encoding="utf-8") as f:
        assert file_mode(existing) == OWNER_ONLY
        f.write("new")
    assert existing.read_text(encoding="utf-8") == "new"


def test_log_files_left_readable_by_an_older_peerlog_are_made_private(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger("desktop_app")
    before = list(root.handlers)
    folder = app_dirs.log_dir()
    older = [folder / "peerlog.log", folder / "peerlog.log.1", folder / "peerlog.log.2"]
    for path in older:
        path.write_text("an older line\n", encoding="utf-8")
        path.chmod(0o644)
    monkeypatch.setattr(logging_setup, "_configured", False)
    logging_setup.setup_logging()
    try:
        assert [file_mode(path) for path in older] == [OWNER_ONLY] * 3
        assert older[1].read_text(encoding="utf-8") == "an older line\n", "kept as it was"
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
