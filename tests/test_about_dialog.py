"""The About box and the licence catalogue behind it, through a real dialog."""

from __future__ import annotations

import importlib.util

from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.licences import COMPONENTS, LICENCE_FOLDER
from desktop_app.resources import resources_dir
from desktop_app.ui.shell.about_dialog import AboutDialog


def test_every_licence_text_ships_and_every_shipped_text_is_listed() -> None:
    named = {name for component in COMPONENTS for name in component.licence_files}
    shipped = {path.name for path in (resources_dir() / LICENCE_FOLDER).iterdir()}
    assert named == shipped
    for component in COMPONENTS:
        assert len(component.licence_text()) > 200, component.name


def test_about_box_shows_the_version_and_the_licence_of_each_part(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"PeerLog {__version__}" in dialog.title.text()
    names = dialog.component_names()
    assert names[0] == "PeerLog"
    for expected in ("Qt and PySide6", "SQLCipher and SQLite", "cryptography", "platformdirs"):
        assert expected in names
    assert "GNU GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()  # PeerLog's, shown first

    dialog.select("SQLCipher and SQLite")
    assert "ZETETIC LLC" in dialog.text.toPlainText()
    dialog.select("Qt and PySide6")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()
    assert "Licence: GNU Lesser General Public License, version 3." in dialog.text.toPlainText()


def test_about_box_lists_only_libraries_this_copy_carries(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    for name, module in (("ReportLab", "reportlab"), ("openpyxl", "openpyxl")):
        assert (name in dialog.component_names()) == (importlib.util.find_spec(module) is not None)
    fonts = resources_dir() / "fonts"
    has_dejavu = fonts.is_dir() and any(fonts.rglob("DejaVu*"))
    assert ("DejaVu fonts" in dialog.component_names()) == has_dejavu
