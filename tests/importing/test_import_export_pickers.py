"""Import and Export all ask for files through ui/common/file_dialogs.py (the one door for
pickers, answered here as a person would), and show the service's steps as they come."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.services.importing.template_import import ImportProgress
from desktop_app.store.database import Database
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.importing.export_all_dialog import ExportAllDialog
from desktop_app.ui.importing.import_dialog import ImportDialog
from desktop_app.ui.importing.progress import StageProgress, reporting
from tests.importing.conftest import WriteCsv
from tests.snapshots import snapshot


class Picker:
    """Answers each file or folder picker in turn (None: the person cancelled)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[Path | None] = []
        self.asked: list[str] = []
        for name in ("choose_folder", "choose_open_file"):
            monkeypatch.setattr(file_dialogs, name, self._answer)
        monkeypatch.setattr(file_dialogs, "choose_save_file", self._answer)

    def _answer(self, _parent: object, title: str, *_rest: object) -> Path | None:
        self.asked.append(title)
        return self.answers.pop(0)


@pytest.fixture
def picker(monkeypatch: pytest.MonkeyPatch) -> Picker:
    return Picker(monkeypatch)


def test_import_asks_for_a_folder_and_imports_it(
    qtbot: QtBot, db: Database, folder: Path, write_csv: WriteCsv, picker: Picker
) -> None:
    write_csv("people", "ref,known_as", "P-1,Amara", "P-2,Ben")
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    picker.answers = [None]  # cancelled: nothing happens
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.choose_page
    picker.answers = [folder]
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.done_page and not dialog.busy)
    assert picker.asked == ["Choose the folder of CSV files"] * 2
    assert dialog.progress_bar.maximum() > 0, "the steps were shown"
    assert sorted(p.known_as for p in people.find_people(db, "P-")) == ["Amara", "Ben"]


def test_import_asks_where_to_save_the_template_and_for_a_file(
    qtbot: QtBot, db: Database, tmp_path: Path, picker: Picker
) -> None:
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    picker.answers = [tmp_path / "blank", None, None]
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "blank.xlsx").exists()
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert picker.asked == [
        "Save the blank template",
        "Choose the file to import",
        "Choose the spreadsheet",
    ]
    assert dialog.pages.currentWidget() is dialog.choose_page


def test_export_all_asks_for_the_folder_and_writes_every_record(
    qtbot: QtBot, db: Database, tmp_path: Path, picker: Picker
) -> None:
    people.add_person(db, Person("Amara", ref="P-1"))
    dialog = ExportAllDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    picker.answers = [tmp_path]
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert picker.asked == ["Choose where to save the export"]
    assert dialog.folder_label.text() == str(tmp_path)
    dialog.confirm_box.setChecked(True)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and "written to" in dialog.result_label.text())
    [written] = tmp_path.glob("PERSONAL DATA - *.xlsx")
    sheet = load_workbook(written)["people"]
    assert ("P-1", "Amara") in [row[:2] for row in sheet.iter_rows(values_only=True)]


def test_each_step_is_reported_and_shown(qtbot: QtBot) -> None:
    reported: list[tuple[int, int, str]] = []
    reporting(lambda done, total, text: reported.append((done, total, text)))(
        ImportProgress("Reading people.csv", 3, 10)
    )
    assert reported == [(3, 10, "Reading people.csv")]
    label, bar = QLabel(), QProgressBar()
    qtbot.addWidget(label)
    qtbot.addWidget(bar)
    shown = StageProgress(label, bar)
    shown.begin("Checking the file…")
    assert (label.text(), bar.minimum(), bar.maximum()) == ("Checking the file…", 0, 0)
    shown.show_step(3, 10, "Reading people.csv")
    assert (label.text(), bar.maximum(), bar.value()) == ("Reading people.csv…", 10, 3)


def test_closing_the_import_while_it_works_cancels_it(
    qtbot: QtBot, db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as", *(f"P-{n},Person {n}" for n in range(5000)))
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_source(folder)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page)
    before = snapshot(db)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.done_label.text() == "Cancelled. Nothing was imported."
    assert snapshot(db) == before
