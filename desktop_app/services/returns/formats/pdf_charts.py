"""Bar charts for the PDF return: figures per month, breakdowns, and outcome change.

A hidden figure is drawn as no bar, with the hidden marker (e.g. "<5") where the bar would be,
so a chart never shows more than the table beside it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Literal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.periods import month_label
from desktop_app.domain.returns.protected_return import Figure, Table
from desktop_app.services.pdf_fonts import register_fonts
from desktop_app.services.returns.formats.display import display, hidden

BAR = colors.HexColor("#2b6f77")
NEGATIVE = colors.HexColor("#b5523b")
GRID = colors.HexColor("#d9d9d9")
FONT = "DejaVuSans"
LABEL_SIZE = 7
LABEL_CHARS = 40
MAX_LABEL_ROOM = 200.0
MAX_BARS = 25


def chart_for(table: Table, width: float, rules: DisclosureRules) -> Drawing | None:
    """The chart a table asks for, or None when it has no chart or too many rows for one."""
    if table.chart == "months":
        return month_chart(table.rows, width, rules)
    if table.chart == "bars" and 0 < len(table.rows) <= MAX_BARS:
        return bar_chart(table.rows, width, rules)
    return None


def month_chart(rows: Sequence[Figure], width: float, rules: DisclosureRules) -> Drawing:
    height = 150.0
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 34, int(width - 46), int(height - 50)
    chart.data = [[_bar_value(f) for f in rows]]
    chart.categoryAxis.categoryNames = [month_label(f.code, short=True) for f in rows]
    _style(chart, rows, rules)
    chart.categoryAxis.labels.angle = 45 if len(rows) > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(rows) > 12 else "n"
    drawing.add(chart)
    step = chart.width / max(1, len(rows))
    for index, figure in enumerate(rows):
        if figure.suppressed:
            x = chart.x + step * (index + 0.5)
            drawing.add(_marker(x, chart.y + 3, hidden(figure, rules), "middle"))
    return drawing


def bar_chart(rows: Sequence[Figure], width: float, rules: DisclosureRules) -> Drawing:
    """Horizontal bars, first row at the top; negative values (changes) to the left of zero."""
    register_fonts()  # to measure the labels
    ordered = list(reversed(rows))  # the chart draws its first category at the bottom
    names = [_wrapped(f.label) for f in ordered]
    lines = max(name.count("\n") + 1 for name in names)
    height = (16.0 if lines == 1 else 24.0) * len(rows) + 34
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    widest = max(stringWidth(line, FONT, LABEL_SIZE) for n in names for line in n.split("\n"))
    label_room = min(MAX_LABEL_ROOM, widest + 12)
    chart.x, chart.y = int(label_room), 20
    chart.width, chart.height = int(width - label_room - 40), int(height - 28)
    chart.data = [[_bar_value(f) for f in ordered]]
    chart.categoryAxis.categoryNames = names
    _style(chart, ordered, rules)
    values = [v for v in chart.data[0] if v is not None]
    if min(values, default=0) < 0:
        chart.valueAxis.valueMin = min(values) * 1.6  # room for the label of the lowest bar
        chart.categoryAxis.labelAxisMode = "low"  # labels at the left edge, clear of the bars
        for index, value in enumerate(chart.data[0]):
            if value < 0:
                chart.bars[(0, index)].fillColor = NEGATIVE
    drawing.add(chart)
    step = chart.height / max(1, len(ordered))
    for index, figure in enumerate(ordered):
        if figure.suppressed:
            y = chart.y + step * (index + 0.5) - 3
            drawing.add(_marker(chart.x + 4, y, hidden(figure, rules), "start"))
    return drawing


def _marker(x: float, y: float, marker: str, anchor: Literal["start", "middle"]) -> String:
    return String(x, y, marker, fontName=FONT, fontSize=7, textAnchor=anchor)


def _style(
    chart: VerticalBarChart | HorizontalBarChart, rows: Sequence[Figure], rules: DisclosureRules
) -> None:
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.visibleTicks = False
    chart.barLabelFormat = "values"
    chart.barLabelArray = [["" if f.suppressed else display(f, rules) for f in rows]]
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxTarget = "normal"
    chart.barLabels.nudge = 6
    if all(f.value in (None, 0) for f in rows):
        chart.valueAxis.valueMax = 5


def _bar_value(figure: Figure) -> float:
    return 0.0 if figure.value is None else float(figure.value)


def _wrapped(label: str) -> str:
    """The label on up to two lines of LABEL_CHARS, shortened with "…" only beyond that."""
    lines = textwrap.wrap(label, LABEL_CHARS) or [""]
    if len(lines) > 2:
        rest = " ".join(lines[1:])
        lines = [lines[0], rest[: LABEL_CHARS - 1].rstrip() + "…"]
    return "\n".join(lines)
