"""GUI fixtures: a real main window over a real encrypted database, no blocking pop-ups, and
file pickers answered by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.ui.common import file_dialogs, messages, worker
from desktop_app.ui.shell.app import make_application
from desktop_app.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE

UNLOCK_TIMEOUT_MS = 15_000
_SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture(autouse=True)
def shown_messages(qapp: QApplication) -> Iterator[list[messages.Shown]]:
    """Every message box is recorded instead of shown; questions are answered "No"."""
    make_application()
    with messages.headless() as shown:
        yield shown
    worker.wait_for_tasks()


class FileDialogAnswers:
    """What the next file or folder picker returns (None: the user cancelled)."""

    def __init__(self) -> None:
        self.answers: list[Path | None] = []
        self.asked: list[str] = []

    def next(self, title: str) -> Path | None:
        self.asked.append(title)
        if not self.answers:
            raise AssertionError(f"A file dialog was opened unexpectedly: {title}")
        return self.answers.pop(0)


@pytest.fixture
def file_answers(monkeypatch: pytest.MonkeyPatch) -> FileDialogAnswers:
    answers = FileDialogAnswers()
    monkeypatch.setattr(
        file_dialogs, "choose_folder", lambda _parent, title, _start: answers.next(title)
    )
    monkeypatch.setattr(
        file_dialogs, "choose_database", lambda _parent, _start: answers.next("database")
    )
    monkeypatch.setattr(
        file_dialogs,
        "choose_save_file",
        lambda _parent, title, _suggested, _filter: answers.next(title),
    )
    monkeypatch.setattr(
        file_dialogs,
        "choose_open_file",
        lambda _parent, title, _start, _filter: answers.next(title),
    )
    monkeypatch.setattr(
        file_dialogs,
        "choose_open_files",
        lambda _parent, title, _start, _filter: [p for p in [answers.next(title)] if p],
    )
    return answers


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.lock()
    worker.wait_for_tasks()


def unlock(qtbot: QtBot, main: MainWindow, folder: Path, passphrase: str = PASSPHRASE) -> None:
    """Unlock `folder` through the start screen, as a user would with the keyboard."""
    main.open_folder(folder)
    field = main.start.unlock_panel.passphrase
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, "\r")
    qtbot.waitUntil(lambda: main.db is not None, timeout=UNLOCK_TIMEOUT_MS)


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.windowTitle(), widget.accessibleName()]
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        texts += _model_texts(widget.model(), QModelIndex())
    return texts


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> list[str]:
    texts = []
    # List and table models hide some methods from Python; neither has children.
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            texts += [str(model.data(index, role) or "") for role in _SHOWN_ROLES]
            if column == 0 and not flat and model.rowCount(index) > 0:
                texts += _model_texts(model, index)
    for column in range(columns):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    return texts


@pytest.fixture
def visible_texts() -> Callable[[], str]:
    """All text any visible widget shows (labels, fields, buttons, lists, tables, titles)."""

    def collect() -> str:
        texts: list[str] = []
        for widget in QApplication.allWidgets():
            if widget.isVisible():
                texts += _texts_of(widget)
        return "\n".join(texts)

    return collect
