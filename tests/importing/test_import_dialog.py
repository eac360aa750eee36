"""The import wizard, driven by qtbot over a real encrypted database and real files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Role
from desktop_app.services import people
from desktop_app.services.databases import open_database
from desktop_app.services.protection import users
from desktop_app.store.database import Database
from desktop_app.ui.importing.export_all_dialog import ExportAllDialog
from desktop_app.ui.importing.import_dialog import ImportDialog
from tests.importing.conftest import WriteCsv
from tests.snapshots import snapshot


def open_dialog(qtbot: QtBot, db: Database) -> ImportDialog:
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def wait_for_page(qtbot: QtBot, dialog: ImportDialog, page: object) -> None:
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is page and not dialog.busy)


def cells(table: object) -> list[list[str]]:
    rows = table.rowCount()  # type: ignore[attr-defined]
    columns = table.columnCount()  # type: ignore[attr-defined]
    return [[table.item(r, c).text() for c in range(columns)] for r in range(rows)]  # type: ignore[attr-defined]


def test_problems_are_listed_by_file_row_and_column_and_nothing_is_written(
    qtbot: QtBot, db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as,gender", "P-1,Amara,F")
    dialog = open_dialog(qtbot, db)
    dialog.choose_source(folder)
    wait_for_page(qtbot, dialog, dialog.problems_page)
    [row] = cells(dialog.problems_table)
    assert row[:4] == ["people.csv", "2", "gender", "F"]
    assert "gender codes or labels" in row[4]
    assert "1 problem to fix" in dialog.problems_label.text()
    write_csv("people", "ref,known_as,gender", "P-1,Amara,woman")  # fixed in the file
    qtbot.mouseClick(dialog.check_again_button, Qt.MouseButton.LeftButton)
    wait_for_page(qtbot, dialog, dialog.preview_page)
    assert people.find_people(db, "P-1") == []


def test_the_preview_says_what_will_change_and_import_writes_it(
    qtbot: QtBot, db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as", "P-1,Amara", "P-2,Ben")
    dialog = open_dialog(qtbot, db)
    dialog.choose_source(folder)
    wait_for_page(qtbot, dialog, dialog.preview_page)
    assert cells(dialog.counts_table) == [["people", "2", "0", "0"]]
    assert "Nothing has been saved yet" in dialog.preview_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_for_page(qtbot, dialog, dialog.done_page)
    assert "people: 2 added" in dialog.done_label.text()
    assert len(people.find_people(db, "P-")) == 2
    dialog.choose_source(folder)  # the same file again: nothing left to import
    wait_for_page(qtbot, dialog, dialog.preview_page)
    assert cells(dialog.counts_table) == [["people", "0", "0", "2"]]
    assert not dialog.import_button.isEnabled()


def test_cancel_leaves_the_database_unchanged(
    qtbot: QtBot, db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as", *(f"P-{n},Person {n}" for n in range(5000)))
    dialog = open_dialog(qtbot, db)
    dialog.choose_source(folder)
    wait_for_page(qtbot, dialog, dialog.preview_page)
    before = snapshot(db)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.working_page
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    wait_for_page(qtbot, dialog, dialog.done_page)
    assert dialog.done_label.text() == "Cancelled. Nothing was imported."
    assert snapshot(db) == before


def test_a_blank_template_can_be_saved_from_the_dialog(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, db)
    dialog.save_template(tmp_path / "template")
    assert (tmp_path / "template.xlsx").exists()
    assert "Read me" in dialog.template_note.text()


def test_export_all_needs_a_confirmation_and_names_the_file_as_personal_data(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    people.add_person(db, Person("Amara", ref="P-1"))
    dialog = ExportAllDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "personal data" in dialog.windowTitle()
    dialog.choose_folder(tmp_path)
    assert not dialog.export_button.isEnabled()  # not until the user confirms
    dialog.confirm_box.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "written to" in dialog.result_label.text())
    [written] = tmp_path.glob("PERSONAL DATA - *.xlsx")
    assert str(written) in dialog.result_label.text()


def test_a_peer_support_lead_is_told_export_all_is_for_coordinators(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    users.add_user(db, "Sam Lead", Role.LEAD, "lead volunteer walks the dog daily")
    folder = db.folder
    db.close()
    lead_db = open_database(folder, "lead volunteer walks the dog daily")
    try:
        dialog = ExportAllDialog(lead_db)
        qtbot.addWidget(dialog)
        dialog.choose_folder(tmp_path)
        dialog.confirm_box.setChecked(True)
        assert not dialog.export_button.isEnabled()
        assert "Only a coordinator" in dialog.result_label.text()
    finally:
        lead_db.close()
