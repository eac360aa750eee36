"""The mapping step, driven by qtbot over a real spreadsheet and a real database. Their file
is read in the background, so each step waits for the dialog to finish reading."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop_app.services import people
from desktop_app.services.importing.mapping import UnreadableSpreadsheet, saved_mappings
from desktop_app.store.database import Database
from desktop_app.ui.common import worker
from desktop_app.ui.importing import mapping_dialog
from desktop_app.ui.importing.import_dialog import ImportDialog
from desktop_app.ui.importing.mapping_dialog import NOT_THERE, MappingDialog


@pytest.fixture(autouse=True)
def no_reads_left_behind() -> Iterator[None]:
    yield
    worker.wait_for_tasks()


def open_mapping(qtbot: QtBot, db: Database, path: Path) -> MappingDialog:
    dialog = MappingDialog(db, path)
    qtbot.addWidget(dialog)
    dialog.show()
    read(qtbot, dialog)
    return dialog


def read(qtbot: QtBot, dialog: MappingDialog) -> None:
    """Wait until every read the dialog asked for has been answered."""
    qtbot.waitUntil(lambda: not dialog.reading)


class Watched:
    """A service function the dialog calls, wrapped: each call's sheet and thread are noted,
    and calls for `held` sheets wait until `release` is set."""

    def __init__(self, real: Callable[..., Any], held: tuple[str, ...] = ()) -> None:
        self.real, self.held = real, held
        self.calls: list[tuple[Any, bool]] = []  # (first argument after the path, on GUI thread)
        self.release = threading.Event()

    def __call__(self, path: Path, *args: Any) -> Any:
        self.calls.append((args[0] if args else None, threading.current_thread() is GUI_THREAD))
        if not self.held or (args and args[0] in self.held):
            assert self.release.wait(10)
        return self.real(path, *args)


GUI_THREAD = threading.main_thread()


def watch(
    monkeypatch: pytest.MonkeyPatch, name: str, held: tuple[str, ...] = (), hold: bool = False
) -> Watched:
    watched = Watched(getattr(mapping_dialog, name), held)
    if not hold and not held:
        watched.release.set()
    monkeypatch.setattr(mapping_dialog, name, watched)
    return watched


def first_column(dialog: MappingDialog) -> list[str]:
    table = dialog.first_rows_table
    return [table.item(r, 0).text() for r in range(table.rowCount())]  # type: ignore[union-attr]


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
    read(qtbot, dialog)
    assert dialog.value_box("F").currentText() == "Woman"  # guessed
    dialog.show_preview()
    read(qtbot, dialog)
    assert table_texts(dialog)[0][:3] == ["C101", "Amara", "woman"]
    assert dialog.preview_problems.text() == "These rows are ready to import."
    dialog.value_box("M").setCurrentText("(as written)")
    dialog.show_preview()
    read(qtbot, dialog)
    assert 'found "M"' in dialog.preview_problems.text()


def test_a_saved_mapping_is_offered_next_time(
    qtbot: QtBot,
    db: Database,
    their_workbook: Path,
) -> None:
    dialog = open_mapping(qtbot, db, their_workbook)
    dialog.header_row_box.setValue(3)
    dialog.column_box("postcode_district").setCurrentText("Notes to self")
    read(qtbot, dialog)
    dialog.save_name.setText("Members list")
    dialog.save_button.click()
    assert saved_mappings(db)["Members list"].columns["postcode_district"] == "Notes to self"
    again = open_mapping(qtbot, db, their_workbook)
    again.saved_box.setCurrentText("Members list")
    read(qtbot, again)
    assert again.header_row_box.value() == 3
    assert again.column_box("postcode_district").currentText() == "Notes to self"
    assert again.mapping() == saved_mappings(db)["Members list"]


def test_the_import_dialog_imports_through_a_mapping(
    qtbot: QtBot,
    db: Database,
    their_workbook: Path,
) -> None:
    matching = open_mapping(qtbot, db, their_workbook)
    matching.header_row_box.setValue(3)
    read(qtbot, matching)  # the values of Sex, and so the guess that F means woman
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.choose_source(their_workbook, matching.mapping())
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.done_page)
    assert "people: 2 added" in dialog.done_label.text()
    assert people.get_person(db, people.find_people(db, "C101")[0].id).gender == "woman"


def test_the_file_is_read_off_the_gui_thread_while_the_dialog_says_so(
    qtbot: QtBot, db: Database, their_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_look = watch(monkeypatch, "first_look", hold=True)
    dialog = MappingDialog(db, their_workbook)  # returns with the read held, so not on this thread
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reading and dialog.busy_bar.isVisible()
    assert dialog.reading_label.text() == "Reading members.xlsx…"
    assert dialog.first_rows_table.rowCount() == 0 and dialog.sheet_box.count() == 0
    waiting = (dialog.sheet_box, dialog.header_row_box, dialog.preview_button, dialog.use_button)
    assert not any(widget.isEnabled() for widget in waiting)
    assert dialog.cancel_button.isEnabled()
    first_look.release.set()
    with qtbot.waitSignal(dialog.reads_finished):
        pass
    assert first_look.calls == [(None, False)]
    assert first_column(dialog)[0] == "Riverside members list"
    assert [dialog.sheet_box.itemText(i) for i in range(2)] == ["Members 2024", "Totals"]
    assert all(widget.isEnabled() for widget in waiting)
    assert not dialog.busy_bar.isVisible() and not dialog.reading_label.isVisible()


def test_cancel_works_while_reading_and_the_late_answer_is_dropped(
    qtbot: QtBot, db: Database, their_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_look = watch(monkeypatch, "first_look", hold=True)
    dialog = MappingDialog(db, their_workbook)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.click()
    assert dialog.result() == MappingDialog.DialogCode.Rejected and not dialog.reading
    first_look.release.set()
    qtbot.waitUntil(lambda: worker.running_tasks() == 0)
    assert dialog.sheet_box.count() == 0 and dialog.first_rows_table.rowCount() == 0


@pytest.fixture
def three_sheets(tmp_path: Path) -> Path:
    book = Workbook()
    for index, title in enumerate(("First", "Slow", "Quick")):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        sheet.append(["Client ID", "Sex"])
        sheet.append([f"{title} 1", "F"])
    path = tmp_path / "three.xlsx"
    book.save(path)
    return path


def test_an_answer_for_a_sheet_no_longer_chosen_does_not_overwrite_the_newer_one(
    qtbot: QtBot, db: Database, three_sheets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_mapping(qtbot, db, three_sheets)
    first_rows = watch(monkeypatch, "first_rows", held=("Slow",))
    dialog.sheet_box.setCurrentText("Slow")
    assert dialog.reading_label.text() == "Reading the first rows of Slow…"
    dialog.sheet_box.setCurrentText("Quick")  # (as a saved mapping can, while it reads)
    read(qtbot, dialog)
    assert first_column(dialog) == ["Client ID", "Quick 1"]
    first_rows.release.set()
    qtbot.waitUntil(lambda: worker.running_tasks() == 0)  # Slow's answer has come and gone
    assert first_column(dialog) == ["Client ID", "Quick 1"]
    assert dialog.mapping().source_sheet == "Quick"
    first_rows.release.clear()
    dialog.sheet_box.setCurrentText("Slow")  # read again: the late answer was dropped, not kept
    dialog.sheet_box.setCurrentText("First")  # in hand, so shown at once
    assert first_column(dialog) == ["Client ID", "First 1"]
    first_rows.release.set()
    read(qtbot, dialog)
    assert first_column(dialog) == ["Client ID", "First 1"]
    assert [sheet for sheet, _ in first_rows.calls] == ["Slow", "Quick", "Slow"]


def test_rows_and_values_once_read_are_not_read_again(
    qtbot: QtBot, db: Database, their_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_mapping(qtbot, db, their_workbook)
    first_rows = watch(monkeypatch, "first_rows")
    values = watch(monkeypatch, "distinct_values")
    dialog.header_row_box.setFocus()
    dialog.header_row_box.setValue(3)
    assert dialog.column_box("ref").currentText() == "Client ID"  # at once: no read
    assert dialog.reading  # the values of Sex, on which the mapping depends
    assert not any(w.isEnabled() for w in (dialog.header_row_box, dialog.use_button))
    assert dialog.cancel_button.isEnabled()
    assert dialog.focusWidget() is not dialog.header_row_box
    read(qtbot, dialog)
    assert all(w.isEnabled() for w in (dialog.header_row_box, dialog.use_button))
    assert dialog.focusWidget() is dialog.header_row_box  # back where the user was
    assert [gui for _, gui in values.calls] == [False]  # the values of Sex, in the background
    assert dialog.value_box("F").currentText() == "Woman"
    dialog.header_row_box.setValue(1)
    assert not dialog.reading
    dialog.header_row_box.setValue(3)
    assert not dialog.reading and dialog.value_box("F").currentText() == "Woman"
    dialog.sheet_box.setCurrentText("Totals")
    read(qtbot, dialog)
    dialog.sheet_box.setCurrentText("Members 2024")
    assert not dialog.reading and first_column(dialog)[2] == "Client ID"
    assert [(sheet, gui) for sheet, gui in first_rows.calls] == [("Totals", False)]
    assert len(values.calls) == 1


def test_an_unreadable_file_says_so_and_the_import_dialog_goes_on(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    broken = tmp_path / "members.xlsx"
    broken.write_bytes(b"not a workbook at all")
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source = broken
    seen: list[tuple[str, bool, bool, bool]] = []

    def look_then_cancel() -> None:
        matching = dialog.findChild(MappingDialog)
        if matching is None or matching.reading:
            QTimer.singleShot(10, look_then_cancel)
            return
        problem = matching.problem
        seen.append(
            (
                problem.text(),
                problem.isVisible(),
                matching.use_button.isEnabled(),
                matching.sheet_box.isEnabled(),
            )
        )
        matching.cancel_button.click()

    QTimer.singleShot(0, look_then_cancel)
    dialog.match_button.click()  # the mapping dialog runs until it is cancelled
    assert seen == [(UnreadableSpreadsheet.default_message, True, False, False)]
    assert dialog.mapping is None and dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.other_button.isEnabled()
