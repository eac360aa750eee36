"""A shown list on a printer: the same title, columns and rows as the PDF, laid out by Qt (a
QTextDocument) so that it goes to any printer the system offers. The table's header (the
personal data marking, when the list holds any, and the column titles) is repeated at the top
of every page, and Qt numbers the pages at their foot.

The whole document is printed by one call into Qt (`QTextDocument.print_`), on a worker: Qt
allows a painter on a printer off the GUI thread. (Painting page by page from Python would
make thousands of calls into PySide6 for a long list; PySide6 6.12 on Python 3.11 loses a
reference to None on each call that returns nothing, and Python aborts once they run out.)
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from desktop_app.services.lists.shown_list import PERSONAL_DATA_MARK, ShownList

POINT_SIZE = 8.5
WARNING_INK = "#9c2b1b"


def print_shown(printer: QPrinter, shown: ShownList) -> None:
    """Print `shown` on `printer` (a real printer, or a PDF file in tests)."""
    font = QFont()
    font.setPointSizeF(POINT_SIZE)
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setHtml(list_html(shown))
    doc.print_(printer)


def list_html(shown: ShownList) -> str:
    """The title, who made it and when, then the table, whose header rows (the marking and the
    column titles) Qt repeats at the top of each page."""
    header = "".join(f'<th align="left">{escape(title)}</th>' for title in shown.columns)
    mark = (
        f'<tr><th colspan="{len(shown.columns)}" align="left" style="color: {WARNING_INK}">'
        f"{escape(PERSONAL_DATA_MARK)}</th></tr>"
        if shown.personal
        else ""
    )
    right = shown.right_aligned
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td align="right">{escape(text)}</td>' if c in right else f"<td>{escape(text)}</td>"
            for c, text in enumerate(row)
        )
        + "</tr>"
        for row in shown.rows
    )
    return (
        f'<p style="font-size: 14pt; font-weight: bold">{escape(shown.title)}</p>'
        f"<p>{escape(shown.made)} · {escape(shown.rows_text())}</p>"
        '<table width="100%" cellspacing="0" cellpadding="2" border="0">'
        f"<thead>{mark}<tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    )
