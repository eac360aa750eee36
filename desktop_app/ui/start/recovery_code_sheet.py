"""The recovery code on paper: one printable page, sent to a printer or saved as a PDF."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.store.files import write_atomically

KEEP_IT_SAFE = (
    "Keep this sheet somewhere safe and private, away from the laptop: a locked drawer or "
    "cabinet, say. If the passphrase is forgotten, this code is the only way to open the "
    "database and set a new passphrase. Anyone who has both this code and the database can "
    "read every record, so do not keep them together."
)


def sheet_document(organisation: str, database_name: str, code: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(
        f"""
        <h1>PeerLog recovery code</h1>
        <p>Organisation: <b>{html.escape(organisation)}</b><br>
        Database: <b>{html.escape(database_name)}</b><br>
        Made on: {date.today().strftime("%d %B %Y")}</p>
        <p style="font-family: monospace; font-size: x-large; margin: 24px 0;"><b>{code}</b></p>
        <p>{html.escape(KEEP_IT_SAFE)}</p>
        <p>To use it: open PeerLog, choose the database, and click
        "Forgot your passphrase? Use the recovery code".</p>
        """
    )
    return document


def print_sheet(parent: QWidget | None, document: QTextDocument) -> bool:
    """Ask which printer, then print. False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the recovery code")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True


def save_sheet_as_pdf(document: QTextDocument, path: Path) -> bool:
    """Write the sheet to `path`, a file only its owner may read. False when the file could not
    be written."""
    pdf = QBuffer()
    pdf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(pdf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("PeerLog recovery code")
    document.print_(writer)
    del writer
    data = bytes(pdf.data().data())
    if not data:
        return False
    try:
        write_atomically(path, data)
    except OSError:
        return False
    return True
