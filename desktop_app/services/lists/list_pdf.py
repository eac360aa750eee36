"""A shown list as a PDF: its title with the filters, who made it and when, then the table with
its header row on every page, "Page 2 of 5" at the foot, and the personal data marking at the
top of every page when the list holds personal data. Wide lists go on landscape pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from desktop_app.services.lists.shown_list import PERSONAL_DATA_MARK, ShownList
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.services.pdf_pages import (
    MARGIN,
    build_numbered,
    document,
    header_table,
    paragraph,
    style,
)

CELL_SIZE = 8.5
PADDING = 3  # points each side of a cell's text (reportlab's default is 6)
WIDE = 90  # columns wider than this many characters in all: landscape pages
TITLE = style("list title", 15, bold=True, spaceAfter=4)
MADE = style("list made", 9, spaceAfter=2)
CELL = style("list cell", CELL_SIZE, leading=CELL_SIZE * 1.2)
HEADER = style("list header", CELL_SIZE, bold=True, leading=CELL_SIZE * 1.2)
FOOTER_LENGTH = 110


def write_pdf(
    shown: ShownList, out: BinaryIO, on_page: Callable[[int], None] | None = None
) -> None:
    """Lay out and write the PDF; `on_page(number)` is told of each page as it is laid out
    (a cancelled task stops there)."""
    register_fonts()
    pagesize = landscape(A4) if sum(shown.column_widths) > WIDE else A4
    doc = document(out, shown.title, shown.organisation, pagesize)
    story: list[Flowable] = [
        paragraph(shown.title, TITLE),
        paragraph(f"{shown.made} · {shown.rows_text()}", MADE),
        Spacer(1, 3 * mm),
        _table(shown, pagesize[0] - 2 * MARGIN),
    ]
    footer = shown.title
    if len(footer) > FOOTER_LENGTH:
        footer = footer[: FOOTER_LENGTH - 1] + "…"
    warning = PERSONAL_DATA_MARK if shown.personal else ""

    build_numbered(doc, story, footer, warning, on_page)


def _table(shown: ShownList, width: float) -> Flowable:
    widths = column_widths(shown, width)
    header = [paragraph(title, HEADER) for title in shown.columns]
    body = [
        [_cell(text, column_width) for text, column_width in zip(row, widths, strict=False)]
        for row in shown.rows
    ]
    if not body:
        body = [["Nothing to list.", *([""] * (len(widths) - 1))]]
    extra: list[Any] = [
        ("FONT", (0, 1), (-1, -1), FONT, CELL_SIZE),
        ("FONT", (0, 0), (-1, 0), BOLD, CELL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    extra += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in sorted(shown.right_aligned)]
    return _Rows(header, body, widths, extra)


def column_widths(shown: ShownList, width: float) -> list[float]:
    """Each column as wide as its longest text when they all fit; else the columns that fit
    their share keep their width and the others share the rest as they do on screen."""
    natural = [
        max(
            [stringWidth(word, BOLD, CELL_SIZE) for word in title.split()]
            + [stringWidth(row[c], FONT, CELL_SIZE) for row in shown.rows if c < len(row)]
        )
        + 2 * PADDING
        for c, title in enumerate(shown.columns)
    ]
    if sum(natural) <= width:
        spare = (width - sum(natural)) / len(natural)
        return [w + spare for w in natural]
    shares = shown.column_widths
    narrow = {c for c, w in enumerate(natural) if w <= width * shares[c] / sum(shares)}
    rest = width - sum(natural[c] for c in narrow)
    wide_shares = sum(shares[c] for c in range(len(natural)) if c not in narrow)
    return [
        natural[c] if c in narrow else rest * shares[c] / wide_shares for c in range(len(natural))
    ]


def _cell(text: str, width: float) -> Any:
    """Plain text when it fits the column (quick to lay out: a list may have 10,000 rows), else
    a paragraph that wraps."""
    if "\n" not in text and stringWidth(text, FONT, CELL_SIZE) <= width - 2 * PADDING:
        return text
    return paragraph(text, CELL)


class _Rows(Flowable):
    """A long table laid out a page at a time. Reportlab lays out the whole rest of a table each
    time it splits one at a page's foot (minutes for 10,000 rows); this hands it only a window
    of rows more than a page can hold, and keeps the rest for the next page."""

    WINDOW = 100  # rows: never fewer than 14 points high, so more than any page holds

    def __init__(
        self, header: list[Any], rows: list[list[Any]], widths: list[float], extra: list[Any]
    ) -> None:
        super().__init__()
        self._header, self._rows, self._widths, self._extra = header, rows, widths, extra
        self._window = header_table([header, *rows[: self.WINDOW]], widths, extra)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self._window.wrap(availWidth, availHeight)
        if len(self._rows) > self.WINDOW:
            height = max(height, availHeight + 1)  # more follows: it never all fits here
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = self._window.split(availWidth, availHeight)
        if len(self._rows) <= self.WINDOW or not parts:
            return list(parts)
        placed = parts[0]
        done = len(placed._cellvalues) - 1  # type: ignore[attr-defined]  # less its header
        return [placed, _Rows(self._header, self._rows[done:], self._widths, self._extra)]

    def draw(self) -> None:
        self._window.drawOn(self.canv, 0, 0)
