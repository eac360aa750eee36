"""What PeerLog's PDFs share: the ink and paper colours, the margins, paragraph styles, a table
with a header row repeated on every page, and a canvas that numbers pages "Page 2 of 5" with a
footer, and a warning at the top of every page when there is one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate
from reportlab.platypus import Table as PdfTable

from desktop_app.services.pdf_fonts import BOLD, FONT

INK = colors.HexColor("#1d2b2f")
WARNING_INK = colors.HexColor("#9c2b1b")
ACCENT = colors.HexColor("#2b6f77")
PALE = colors.HexColor("#eef4f4")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


@cache
def style(name: str, size: float, bold: bool = False, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK} | extra
    return ParagraphStyle(name, fontName=BOLD if bold else FONT, fontSize=size, **settings)


def paragraph(text: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """`text` as it is (never read as markup)."""
    return Paragraph(escape(text), paragraph_style)


def header_table(
    data: Sequence[Sequence[Any]], widths: Sequence[float], extra_style: Sequence[Any] = ()
) -> PdfTable:
    """A table whose first row is its header, repeated at the top of every page it runs onto,
    with a rule under it and pale stripes on every other row."""
    table = PdfTable(
        [list(row) for row in data], colWidths=list(widths), hAlign="LEFT", repeatRows=1
    )
    table.setStyle(
        [
            *extra_style,
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PALE]),
        ]
    )
    return table


def document(
    out: BinaryIO, title: str, author: str = "", pagesize: tuple[float, float] = A4
) -> SimpleDocTemplate:
    """A document with PeerLog's margins, room at the foot for the page numbers."""
    return SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=title,
        author=author,
        creator="PeerLog",
    )


def build_numbered(
    doc: SimpleDocTemplate,
    story: list[Flowable],
    footer: str,
    warning: str = "",
    on_page: Callable[[int], None] | None = None,
) -> None:
    """Lay out `story` on numbered pages (see NumberedCanvas); `on_page(number)` is told of
    each page as it is laid out."""

    def page_done(_canvas: Canvas, document: SimpleDocTemplate) -> None:
        if on_page is not None:
            on_page(document.page)

    doc.build(
        story,
        onFirstPage=page_done,
        onLaterPages=page_done,
        canvasmaker=lambda *a, **k: NumberedCanvas(footer, warning, *a, **k),
    )


class NumberedCanvas(Canvas):
    """Holds every page until the end, so each can say "Page 3 of 9"."""

    def __init__(self, footer: str, warning: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._warning = warning  # at the top of every page when not empty
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

    def save(self) -> None:
        width, height = self._pagesize  # type: ignore[attr-defined]  # set by reportlab
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.setFont(FONT, 8)
            self.setFillColor(INK)
            self.drawString(MARGIN, MARGIN - 2 * mm, self._footer)
            self.drawRightString(
                width - MARGIN, MARGIN - 2 * mm, f"Page {number} of {len(self._pages)}"
            )
            if self._warning:
                self.setFont(BOLD, 9)
                self.setFillColor(WARNING_INK)
                self.drawString(MARGIN, height - MARGIN + 4 * mm, self._warning)
            super().showPage()
        super().save()
