"""The mapping step, driven by qtbot over a real spreadsheet and a real database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.services import people
from desktop_app.services.import_mapping import saved_mappings
from desktop_app.store.database import Database
from desktop_app.ui.import_dialog import ImportDialog
from desktop_app.ui.mapping_dialog import NOT_THERE, MappingDialog


def open_mapping(qtbot: QtBot, db: Database, path: Path) -> MappingDialog:
    dialog = MappingDialog(db, path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def table_texts(dialog: MappingDialog) -> list[list[str]]:
    table = dialog.preview_table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def test_columns_and_values_are_guessed_and_the_preview_shows_rows_as_stored(
    qtbot: QtBot,
    db: Database,
    their_workbook: Path,
) -> None:
    dialog = open_mapping(qtbot, db, their_workbook)
    assert dialog.column_box("ref").currentText() == NOT_THERE  # headings are on row 3
    dialog.header_row_box.setValue(3)
    assert dialog.column_box("ref").currentText() == "Client ID"
    assert dialog.column_box("gender").currentText() == "Sex"
    dialog.value_column_box.setCurrentText("gender")
    assert dialog.value_box("F").currentText() == "Woman"  # guessed
    dialog.show_preview()
    assert table_texts(dialog)[0][:3] == ["C101", "Amara", "woman"]
    assert dialog.preview_problems.text() == "These rows are ready to import."
    dialog.value_box("M").setCurrentText("(as written)")
    dialog.show_preview()
    assert 'found "M"' in dialog.preview_problems.text()


def test_a_saved_mapping_is_offered_next_time(
    qtbot: QtBot,
    db: Database,
    their_workbook: Path,
) -> None:
    dialog = open_mapping(qtbot, db, their_workbook)
    dialog.header_row_box.setValue(3)
    dialog.column_box("postcode_district").setCurrentText("Notes to self")
    dialog.save_name.setText("Members list")
    dialog.save_button.click()
    assert saved_mappings(db)["Members list"].columns["postcode_district"] == "Notes to self"
    again = open_mapping(qtbot, db, their_workbook)
    again.saved_box.setCurrentText("Members list")
    assert again.header_row_box.value() == 3
    assert again.column_box("postcode_district").currentText() == "Notes to self"
    assert again.mapping() == saved_mappings(db)["Members list"]


def test_the_import_dialog_imports_through_a_mapping(
    qtbot: QtBot,
    db: Database,
    their_workbook: Path,
) -> None:
    mapping_dialog = open_mapping(qtbot, db, their_workbook)
    mapping_dialog.header_row_box.setValue(3)
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.choose_source(their_workbook, mapping_dialog.mapping())
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.done_page)
    assert "people: 2 added" in dialog.done_label.text()
    assert people.get_person(db, people.find_people(db, "C101")[0].id).gender == "woman"
