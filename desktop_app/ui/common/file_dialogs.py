"""The one door for file and folder pickers and the print dialog, so tests can answer them
without real dialogs.

Each function returns the chosen path, or None when the user cancelled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def choose_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None


def choose_database(parent: QWidget | None, start: Path) -> Path | None:
    """An existing database folder (the one ending in .peerlog)."""
    return choose_folder(parent, "Choose a PeerLog database folder (Name.peerlog)", start)


def choose_save_file(
    parent: QWidget | None, title: str, suggested: Path, file_filter: str
) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def choose_open_file(
    parent: QWidget | None, title: str, start: Path, file_filter: str
) -> Path | None:
    """An existing file to read (a return template, say)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(chosen) if chosen else None


def choose_open_files(
    parent: QWidget | None, title: str, start: Path, file_filter: str
) -> list[Path]:
    """Existing files to read (members' returns); an empty list when the user cancelled."""
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(start), file_filter)
    return [Path(name) for name in chosen]


def choose_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system's print dialog for `printer`; False when the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the list")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted
