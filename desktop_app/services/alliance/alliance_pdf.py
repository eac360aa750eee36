"""The alliance return as a PDF: a cover saying how to read the figures, a table per section with
a column per member and the alliance total, the charts a member's return has (drawn from the
alliance totals), and a page saying who sent what and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop_app.domain.alliance.alliance_return import AllianceReturn, Block, Row
from desktop_app.domain.alliance.wording import (
    block_title,
    cell_text,
    honest_arithmetic,
    row_label,
    total_text,
)
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.protected_return import Figure, Table
from desktop_app.services import pdf_pages as pages
from desktop_app.services.alliance.who_sent_what import period_words, who_sent_what
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.services.pdf_pages import header_table, paragraph
from desktop_app.services.returns.formats import pdf_format as member_pdf
from desktop_app.services.returns.formats.pdf_charts import chart_for
from desktop_app.store.private_files import open_private

MEMBERS_PER_TABLE = 4  # columns of members beside the label and the alliance total on A4
LABEL_WIDTH = 58 * mm
AT_LEAST_BARS = "Where a total is “at least”, its bar shows only what members showed."
p = paragraph
CELL, BODY, H1, H2 = member_pdf.CELL, member_pdf.BODY, member_pdf.H1, member_pdf.H2


def write_pdf(alliance: AllianceReturn, path: Path, produced: date | None = None) -> None:
    register_fonts()
    with open_private(path) as f:
        _build(alliance, f, produced or date.today())


def _build(alliance: AllianceReturn, out: BinaryIO, produced: date) -> None:
    doc = pages.document(out, f"Alliance return for {period_words(alliance)}")
    story = _cover(alliance, produced)
    section = ""
    for block in alliance.blocks:
        parts: list[Flowable] = []
        if block.section != section:
            section = block.section
            parts.append(p(block.heading, H1))
        parts += _block(block, alliance)
        chart = _chart(block, alliance)
        if chart is not None:
            parts += [Spacer(1, 3 * mm), chart]
            if any(row.total.how == "at_least" for row in block.rows):
                parts.append(p(AT_LEAST_BARS, member_pdf.SMALL))
        story.append(KeepTogether(parts))
        story.append(Spacer(1, 5 * mm))
    means = _mean_change_chart(alliance)
    if means is not None:
        story.append(KeepTogether([p("Mean change by measure (alliance)", H2), means]))
    story += _who_sent_what(alliance)
    footer = f"Alliance return · {period_words(alliance)}"
    pages.build_numbered(doc, story, footer)


def _cover(alliance: AllianceReturn, produced: date) -> list[Flowable]:
    story: list[Flowable] = [
        Spacer(1, 20 * mm),
        p("Alliance return", member_pdf.TITLE),
        p(f"For {period_words(alliance)}", member_pdf.SUBTITLE),
        p(
            f"{len(alliance.members)} members · {alliance.template} (version "
            f"{alliance.template_version}) · combined with PeerLog on {produced:%d %B %Y}",
            BODY,
        ),
        Spacer(1, 8 * mm),
    ]
    if alliance.notes:
        story.append(p("Before you read", H2))
        story += [p(note, BODY) for note in alliance.notes]
    story.append(p("How these figures add up", H2))
    story += [p(line, BODY) for line in honest_arithmetic(alliance)]
    story.append(PageBreak())
    return story


def _block(block: Block, alliance: AllianceReturn) -> list[Flowable]:
    parts: list[Flowable] = []
    title = block_title(block)
    if title != block.heading:
        parts.append(p(title, H2))
    members = list(range(len(alliance.members)))
    chunks = [members[i : i + MEMBERS_PER_TABLE] for i in range(0, len(members), MEMBERS_PER_TABLE)]
    for chunk in chunks:
        parts.append(_table(block, alliance, chunk))
        parts.append(Spacer(1, 2 * mm))
    return parts


def _table(block: Block, alliance: AllianceReturn, chunk: Sequence[int]) -> Flowable:
    header = [
        p("", CELL),
        *(p(alliance.members[i].name, member_pdf.SMALL) for i in chunk),
        p("Alliance total", member_pdf.SMALL),
    ]
    data: list[list[Any]] = [header]
    for row in block.rows:
        kind = row.place.kind
        data.append(
            [
                p(row_label(block, row), CELL),
                *(cell_text(row.cells[i], kind, alliance.threshold) for i in chunk),
                total_text(row.total, kind),
            ]
        )
    column = (pages.WIDTH - LABEL_WIDTH) / (MEMBERS_PER_TABLE + 1)
    widths = [LABEL_WIDTH + column * (MEMBERS_PER_TABLE - len(chunk)), *[column] * len(chunk)]
    return header_table(
        data,
        [*widths, column],
        [
            ("FONT", (1, 1), (-1, -1), FONT, 8.5),
            ("FONT", (-1, 1), (-1, -1), BOLD, 8.5),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )


def _chart(block: Block, alliance: AllianceReturn) -> Flowable | None:
    chart = block.rows[0].place.chart
    if chart == "none" or block.table is None:
        return None
    figures = tuple(_figure(row) for row in block.rows)
    drawing = chart_for(
        Table(block.table, block.title or "", figures, chart=chart),
        pages.WIDTH,
        _rules(alliance),
    )
    return drawing


def _mean_change_chart(alliance: AllianceReturn) -> Flowable | None:
    rows = [
        r
        for r in alliance.rows()
        if r.pointer.endswith("/mean_change") and r.total.value is not None
    ]
    if not rows:
        return None
    figures = tuple(
        Figure(r.place.table or "", r.place.title or "", r.total.value, False, "change")
        for r in rows
    )
    return chart_for(Table("mean_change", "", figures, chart="bars"), pages.WIDTH, _rules(alliance))


def _figure(row: Row) -> Figure:
    code = row.pointer.rsplit("/", 1)[1]  # a month's code is its "2024-04"
    return Figure(code, row.place.label, row.total.value, row.total.value is None, row.place.kind)


def _rules(alliance: AllianceReturn) -> DisclosureRules:
    return DisclosureRules(alliance.threshold, exact=True)


def _who_sent_what(alliance: AllianceReturn) -> list[Flowable]:
    header, *rows = who_sent_what(alliance)
    data = [[p(text, member_pdf.SMALL) for text in row] for row in [header, *rows]]
    widths = [w * mm for w in (40, 36, 34, 30, 18, 16)]
    table = header_table(data, widths, [("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [
        PageBreak(),
        p("Who sent what, and when", H1),
        p(
            "Each member's return as it arrived: the file, when the member's PeerLog made it, "
            "and which PeerLog. Where a member sent two returns, the later one is used.",
            BODY,
        ),
        table,
    ]
