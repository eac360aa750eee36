"""The PDF return: a cover with the headline figures, then each section's figures, tables and
charts, the rules, and page numbers. Text is set in DejaVu Sans, embedded, so any organisation
or venue name renders whatever its script."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.notices import EXACT_WARNING, perturbation_notice
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn, Section
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.services.pdf_pages import (
    ACCENT,
    INK,
    PALE,
    WIDTH,
    build_numbered,
    document,
    paragraph,
    style,
)
from desktop_app.services.returns.formats.display import display
from desktop_app.services.returns.formats.pdf_charts import chart_for
from desktop_app.store.private_files import open_private

BODY = style("body", 9.5, spaceAfter=4)
CELL = style("cell", 9)
TITLE = style("title", 24, bold=True, spaceAfter=10, leading=30)
SUBTITLE = style("subtitle", 13, spaceAfter=4)
H1 = style("h1", 16, bold=True, spaceBefore=6, spaceAfter=8, textColor=ACCENT)
H2 = style("h2", 11, bold=True, spaceBefore=8, spaceAfter=4)
BIG = style("big", 20, bold=True, textColor=ACCENT, alignment=TA_RIGHT)
SMALL = style("small", 8.5)


def write_pdf(protected: ProtectedReturn, path: Path, produced: date | None = None) -> None:
    register_fonts()
    with open_private(path) as f:
        _build(protected, f, produced or date.today())


def _build(protected: ProtectedReturn, out: BinaryIO, produced: date) -> None:
    doc = document(
        out,
        f"{protected.organisation}: return for {protected.period.label}",
        protected.organisation,
    )
    story = _cover(protected, produced)
    for section in protected.sections:
        story.extend(_section(section, protected.rules))
    footer = f"{protected.organisation} · {protected.period.label}"
    warning = "" if protected.rules.perturbed else EXACT_WARNING
    build_numbered(doc, story, footer, warning)


def _cover(protected: ProtectedReturn, produced: date) -> list[Flowable]:
    rules = protected.rules
    story: list[Flowable] = [
        Spacer(1, 30 * mm),
        paragraph(protected.organisation, TITLE),
        paragraph(f"Return for {protected.period.label}", SUBTITLE),
        paragraph(f"{protected.template} · prepared with PeerLog on {produced:%d %B %Y}", BODY),
        paragraph(
            f"{perturbation_notice(rules)} See “How these figures were counted” at the end.", BODY
        ),
        Spacer(1, 14 * mm),
    ]
    if protected.headline:
        story.append(paragraph("At a glance", H1))
        cells = [
            [paragraph(display(f, rules), BIG), paragraph(f.label, CELL)]
            for f in protected.headline
        ]
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
            block.insert(0, paragraph(table.title, H2))
        chart = chart_for(table, WIDTH, rules)
        if chart is not None:
            block += [Spacer(1, 4 * mm), chart]
        blocks.append(block)
    for chart_table in section.charts:
        chart = chart_for(chart_table, WIDTH, rules)
        if chart is not None:
            blocks.append([paragraph(chart_table.title, H2), chart])
    if section.code == "case_studies" and not section.texts:
        blocks.append([paragraph("No case studies were chosen for this return.", BODY)])
    for text in section.texts:
        blocks.append([paragraph(text.title, H2), paragraph(text.text, BODY)])
    heading = paragraph(section.heading, H1)
    if not blocks:
        return [heading]
    blocks[0].insert(0, heading)
    return [KeepTogether(block) for block in blocks] + [Spacer(1, 6 * mm)]


def _figure_table(
    rows: tuple[Figure, ...], total: Figure | None, rules: DisclosureRules
) -> PdfTable:
    figures = [*rows, *([total] if total is not None else [])]
    data = [[paragraph(f.label, CELL), display(f, rules)] for f in figures]
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
