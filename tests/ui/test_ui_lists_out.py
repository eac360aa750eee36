"""Lists out through the window: People filtered, saved as a CSV file and printed (to a PDF
file standing in for the printer), every row read back and compared with what the services
hold; a save that cannot be written leaves nothing and says so; each is in the audit trail."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.listing import Page, PeopleFilter
from desktop_app.domain.people import Person
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.spreadsheet_text import from_csv_cell
from desktop_app.services import home as home_service
from desktop_app.services import people
from desktop_app.services.lists.shown_list import PERSONAL_DATA_MARK
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.protection import audit_repo
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.home.home_screen import HomeScreen
from desktop_app.ui.people.people_screen import PEOPLE_COLUMNS, PeopleScreen
from desktop_app.ui.sessions.sessions_screen import SessionsScreen
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.volunteers.volunteers_screen import VolunteersScreen
from tests.ui.conftest import FileDialogAnswers, unlock
from tests.ui.test_ui_journeys_corrections import section_key
from tests.ui.test_ui_list_screens import NoOpener
from tests.ui.test_ui_log_session import press

SMITHS = 230  # more than the table loads at first (200 rows a page)
CTRL = Qt.KeyboardModifier.ControlModifier
WAIT_MS = 30_000


def _people(db: Database) -> None:
    for n in range(SMITHS):
        people.add_person(db, Person(known_as=f"Smith {n:03d}"))
    people.add_person(db, Person(known_as="=1+1 Smith"))  # a formula, if a spreadsheet ran it
    people.add_person(db, Person(known_as="Jones"))  # not found by the search
    gone = people.add_person(db, Person(known_as="Archived Smith"))
    people.archive_person(db, gone.id)


def _shown(db: Database) -> list[list[str]]:
    """What the services hold for the list as filtered on screen, as the columns show it."""
    found = people.list_people(db, PeopleFilter(text="smith"), Page(limit=10_000))
    return [[column.text(row) for column in PEOPLE_COLUMNS] for row in found.rows]


def _exports(db: Database) -> list[str]:
    entries = audit_repo.all_entries(db.connection())
    return [e.record_kind for e in entries if e.action == Action.EXPORT]


@pytest.fixture
def smiths(qtbot: QtBot, window: MainWindow, created: CreatedDatabase) -> PeopleScreen:
    """The People screen, unlocked through the window, searching for "smith"."""
    _people(created.database)
    folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, folder)
    press(qtbot, section_key("People"), CTRL)
    assert window.workspace is not None
    screen = window.workspace.screen_at(window.workspace.current_index)
    assert isinstance(screen, PeopleScreen)
    qtbot.keyClicks(screen.search, "smith")
    qtbot.waitUntil(lambda: screen.model.total == SMITHS + 1)
    assert screen.model.rowCount() < screen.model.total  # only the first page is loaded
    return screen


@pytest.mark.usefixtures("smiths")
def test_people_filtered_and_saved_as_csv_hold_every_row_shown(
    qtbot: QtBot, window: MainWindow, file_answers: FileDialogAnswers, tmp_path: Path
) -> None:
    out = tmp_path / "people.csv"
    file_answers.answers.append(out)
    assert window.list_actions["csv"].isEnabled()
    window.list_actions["csv"].trigger()
    db = window.db
    assert db is not None
    qtbot.waitUntil(lambda: "People list (CSV)" in _exports(db), timeout=WAIT_MS)

    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [PERSONAL_DATA_MARK]
    assert rows[1] == ["People — current people — search 'smith' — sorted by Name"]
    assert rows[3] == []
    assert rows[4] == [column.title for column in PEOPLE_COLUMNS]
    body = rows[5:]
    assert len(body) == SMITHS + 1
    assert [[from_csv_cell(cell) for cell in row] for row in body] == _shown(db)
    assert [row[1] for row in body if "1+1" in row[1]] == ["'=1+1 Smith"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half file


def test_people_printed_have_every_row_the_marking_and_header_on_each_page(
    qtbot: QtBot, smiths: PeopleScreen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed.pdf"

    def to_file(_parent: QWidget | None, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(file_dialogs, "choose_printer", to_file)
    smiths.table.setFocus()
    press(qtbot, Qt.Key.Key_P, CTRL)  # File > Print this list
    db = smiths.db
    assert db is not None
    qtbot.waitUntil(lambda: "People list (printed)" in _exports(db), timeout=WAIT_MS)

    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(printed).pages]
    assert len(pages) > 2
    assert "People — current people — search 'smith' — sorted by Name" in pages[0]
    for text in pages:
        assert PERSONAL_DATA_MARK in text
        assert "Reference Name Born First contact" in text
    everything = " ".join(pages)
    for _ref, name, *_rest in _shown(db):
        assert name in everything
    assert "Jones" not in everything and "Archived Smith" not in everything


@pytest.mark.usefixtures("smiths")
def test_a_list_that_cannot_be_saved_leaves_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, file_answers: FileDialogAnswers, tmp_path: Path
) -> None:
    file_answers.answers.append(tmp_path / "gone" / "people.pdf")
    with messages.headless() as shown_messages:
        window.list_actions["pdf"].trigger()
        qtbot.waitUntil(lambda: bool(shown_messages), timeout=WAIT_MS)
    (said,) = shown_messages
    assert said.kind == "error" and "Nothing was saved" in said.text
    assert not (tmp_path / "gone").exists()
    assert window.db is not None and _exports(window.db) == []


def test_home_needs_attention_saved_as_shown(
    qtbot: QtBot, smiths: PeopleScreen, window: MainWindow, file_answers: FileDialogAnswers
) -> None:
    assert window.workspace is not None
    window.workspace.show_section(0)
    home = window.workspace.screen_at(0)
    assert isinstance(home, HomeScreen)
    expected = [
        (group.title, item.label)
        for group in home_service.attention_groups(smiths.db)
        for item in group.items
    ]
    assert any("Smith" in label for _, label in expected)
    out = Path(smiths.db.folder.parent / "attention.csv")
    file_answers.answers.append(out)
    window.list_actions["csv"].trigger()
    qtbot.waitUntil(lambda: "Needs attention list (CSV)" in _exports(smiths.db), timeout=WAIT_MS)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [PERSONAL_DATA_MARK] and rows[1] == ["Needs attention"]
    assert rows[4] == ["Group", "Needs attention"]
    saved = [(from_csv_cell(row[0]), from_csv_cell(row[1])) for row in rows[5:]]
    assert [row for row in saved if row in expected] == expected  # all of them, in order
    assert len(saved) == sum(len(g.items) + (g.total > len(g.items)) for g in home.attention.groups)


def test_each_list_names_its_filters_in_plain_words(qtbot: QtBot, db: Database) -> None:
    opener = NoOpener()
    sessions_screen = SessionsScreen(db, opener)  # type: ignore[arg-type]
    qtbot.addWidget(sessions_screen)
    sessions_screen.search.setText("hall")
    assert sessions_screen.list_source().filters == (
        "search 'hall'",
        "sorted by Date (reverse order)",
    )
    volunteers_screen = VolunteersScreen(db, opener)  # type: ignore[arg-type]
    qtbot.addWidget(volunteers_screen)
    volunteers_screen.include_ended.setChecked(True)
    assert volunteers_screen.list_source().filters == (
        "including those who have left",
        "sorted by Name",
    )
    # the search typed above refreshes the list a moment later: let it, while the database is
    # open (a refresh after the test would find it locked)
    qtbot.waitUntil(lambda: not sessions_screen._typing.isActive(), timeout=2000)
