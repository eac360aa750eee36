"""Journeys through the real main window on a real encrypted database (fixtures: ../conftest.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.journeys.driver import Person


@pytest.fixture
def person(qtbot: QtBot, window: MainWindow) -> Person:
    return Person(qtbot, window)
