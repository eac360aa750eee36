"""The PDF return: a cover with the headline figures, then each section's figures, tables and
charts, the rules, and page numbers. Text is set in DejaVu Sans, embedded, so any organisation
or venue name renders whatever its script."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.notices import EXACT_WARNING, perturbation_notice
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn, Section
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.services.returns.formats.display import display
from desktop_app.services.returns.formats.pdf_charts import chart_for
from desktop_app.store.private_files import open_private

INK = colors.HexColor("#1d2b2f")
WARNING_INK = colors.HexColor("#9c2b1b")
ACCENT = colors.HexColor("#2b6f77")
PALE = colors.HexColor("#eef4f4")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


@cache
def _style(name: str, size: float, bold: bool = False, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK} | extra
    return ParagraphStyle(name, fontName=BOLD if bold else FONT, fontSize=size, **settings)


BODY = _style("body", 9.5, spaceAfter=4)
CELL = _style("cell", 9)
TITLE = _style("title", 24, bold=True, spaceAfter=10, leading=30)
SUBTITLE = _style("subtitle", 13, spaceAfter=4)
H1 = _style("h1", 16, bold=True, spaceBefore=6, spaceAfter=8, textColor=ACCENT)
H2 = _style("h2", 11, bold=True, spaceBefore=8, spaceAfter=4)
BIG = _style("big", 20, bold=True, textColor=ACCENT, alignment=TA_RIGHT)
SMALL = _style("small", 8.5)


def write_pdf(protected: ProtectedReturn, path: Path, produced: date | None = None) -> None:
    register_fonts()
    with open_private(path) as f:
        _build(protected, f, produced or date.today())


def _build(protected: ProtectedReturn, out: BinaryIO, produced: date) -> None:
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=f"{protected.organisation}: return for {protected.period.label}",
        author=protected.organisation,
        creator="PeerLog",
    )
    story = _cover(protected, produced)
    for section in protected.sections:
        story.extend(_section(section, protected.rules))
    footer = f"{protected.organisation} · {protected.period.label}"
    warning = "" if protected.rules.perturbed else EXACT_WARNING
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(footer, warning, *a, **k))


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _cover(protected: ProtectedReturn, produced: date) -> list[Flowable]:
    rules = protected.rules
    story: list[Flowable] = [
        Spacer(1, 30 * mm),
        _p(protected.organisation, TITLE),
        _p(f"Return for {protected.period.label}", SUBTITLE),
        _p(f"{protected.template} · prepared with PeerLog on {produced:%d %B %Y}", BODY),
        _p(f"{perturbation_notice(rules)} See “How these figures were counted” at the end.", BODY),
        Spacer(1, 14 * mm),
    ]
    if protected.headline:
        story.append(_p("At a glance", H1))
        cells = [[_p(display(f, rules), BIG), _p(f.label, CELL)] for f in protected.headline]
        grid = PdfTable(cells, colWidths=[45 * mm, WIDTH - 45 * mm])
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, PALE),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (1, 0), (1, -1), 14),
                ]
            )
        )
        story.append(grid)
    story.append(PageBreak())
    return story


def _section(section: Section, rules: DisclosureRules) -> list[Flowable]:
    """The section as blocks kept whole on a page; the heading stays with the first block."""
    blocks: list[list[Flowable]] = []
    if section.figures:
        blocks.append([_figure_table(section.figures, None, rules)])
    for table in section.tables:
        block: list[Flowable] = [_figure_table(table.rows, table.total, rules)]
        if table.title != section.heading:
            block.insert(0, _p(table.title, H2))
        chart = chart_for(table, WIDTH, rules)
        if chart is not None:
            block += [Spacer(1, 4 * mm), chart]
        blocks.append(block)
    for chart_table in section.charts:
        chart = chart_for(chart_table, WIDTH, rules)
        if chart is not None:
            blocks.append([_p(chart_table.title, H2), chart])
    if section.code == "case_studies" and not section.texts:
        blocks.append([_p("No case studies were chosen for this return.", BODY)])
    for text in section.texts:
        blocks.append([_p(text.title, H2), _p(text.text, BODY)])
    heading = _p(section.heading, H1)
    if not blocks:
        return [heading]
    blocks[0].insert(0, heading)
    return [KeepTogether(block) for block in blocks] + [Spacer(1, 6 * mm)]


def _figure_table(
    rows: tuple[Figure, ...], total: Figure | None, rules: DisclosureRules
) -> PdfTable:
    figures = [*rows, *([total] if total is not None else [])]
    data = [[_p(f.label, CELL), display(f, rules)] for f in figures]
    table = PdfTable(data, colWidths=[WIDTH - 45 * mm, 45 * mm], hAlign="LEFT")
    style: list[Any] = [
        ("FONT", (1, 0), (1, -1), FONT, 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.white, PALE]),
    ]
    if total is not None:
        style += [("LINEABOVE", (0, -1), (-1, -1), 0.8, INK), ("FONT", (1, -1), (1, -1), BOLD, 9)]
    table.setStyle(TableStyle(style))
    return table


class _NumberedCanvas(Canvas):
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
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.setFont(FONT, 8)
            self.setFillColor(INK)
            self.drawString(MARGIN, MARGIN - 2 * mm, self._footer)
            self.drawRightString(
                A4[0] - MARGIN, MARGIN - 2 * mm, f"Page {number} of {len(self._pages)}"
            )
            if self._warning:
                self.setFont(BOLD, 9)
                self.setFillColor(WARNING_INK)
                self.drawString(MARGIN, A4[1] - MARGIN + 4 * mm, self._warning)
            super().showPage()
        super().save()
