"""Home's last twelve months: sessions, attendances and people seen per month as bar charts, one
at a time, or all three as a table. The figures are those a return counts per month
(services.home.last_twelve_months); each chart says its numbers to a screen reader too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.returns.figures import MonthCounts
from desktop_app.domain.returns.periods import month_label
from desktop_app.ui.common.record_table import EntryTable

BAR = QColor("#2b6f77")  # as the return's PDF charts


@dataclass(frozen=True)
class Measure:
    button: str  # with its mnemonic
    title: str
    read: Callable[[MonthCounts], int]


MEASURES = (
    Measure("Sessio&ns", "Sessions", lambda m: m.sessions),
    Measure(
        "Atten&dances", "Attendances (including people without a record)", lambda m: m.attendances
    ),
    Measure("Peo&ple seen", "Different people who came", lambda m: m.people),
)


class MonthChart(QChartView):
    """A chart that asks for a modest height: Home sits in an area that scrolls, and the
    attention list beside it must stay in view without scrolling at 150 %."""

    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().lineSpacing() * 6
        )


class MonthCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[MonthCounts] = []
        self.choice = QButtonGroup(self)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.views: list[QChartView] = []
        for index, measure in enumerate(MEASURES):
            button = QRadioButton(measure.button)
            self.choice.addButton(button, index)
            choices.addWidget(button)
            view = MonthChart()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the buttons above say what it shows
            self.views.append(view)
            self.stack.addWidget(view)
        self.table = EntryTable(
            ["Month", *(m.title for m in MEASURES)], "Sessions, attendances and people per month"
        )
        self.table.horizontalHeader().setStretchLastSection(False)  # numbers under their heading
        self.stack.addWidget(self.table)
        self.table_box = QCheckBox("Show as &table")
        self.table_box.setToolTip("The same figures as numbers, a month to a row")
        choices.addStretch(1)
        choices.addWidget(self.table_box)
        self.choice.button(0).setChecked(True)
        self.choice.idToggled.connect(self._choose)
        self.table_box.toggled.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.stack, 1)

    def show_months(self, months: Sequence[MonthCounts]) -> None:
        self.months = list(months)
        for index, (measure, view) in enumerate(zip(MEASURES, self.views, strict=True)):
            _draw(view, measure, self.months)
            # the chart takes no keyboard focus: its button says its figures to a screen reader
            self.choice.button(index).setAccessibleDescription(view.accessibleDescription())
        self.table.set_rows(
            [
                [month_label(m.month), *(f"{measure.read(m):,}" for measure in MEASURES)]
                for m in self.months
            ]
        )
        numbers = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in range(self.table.rowCount()):
            for column in range(1, self.table.columnCount()):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setTextAlignment(numbers)
        self.table.resizeColumnsToContents()

    def values(self, index: int) -> list[float]:
        """The bar heights of chart `index` (0 sessions, 1 attendances, 2 people)."""
        series = self.views[index].chart().series()[0]
        assert isinstance(series, QBarSeries)
        bars = series.barSets()[0]
        return [bars.at(n) for n in range(bars.count())]

    def _choose(self) -> None:
        shown = len(MEASURES) if self.table_box.isChecked() else self.choice.checkedId()
        self.stack.setCurrentIndex(shown)


def _draw(view: QChartView, measure: Measure, months: Sequence[MonthCounts]) -> None:
    bars = QBarSet(measure.title)
    bars.setColor(BAR)
    bars.setLabelColor(QColor("black"))
    values = [measure.read(m) for m in months]
    bars.append([float(v) for v in values])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart = QChart()
    chart.addSeries(series)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.setBackgroundRoundness(0)
    months_axis = QBarCategoryAxis()
    months_axis.append([f"{date.fromisoformat(m.month + '-01'):%b}" for m in months])
    values_axis = QValueAxis()
    values_axis.setLabelFormat("%d")
    # room above the highest bar for its label, on round numbers
    values_axis.setRange(0, max(4.0, max(values, default=0) * 1.15))
    values_axis.applyNiceNumbers()
    chart.addAxis(months_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(months_axis)
    series.attachAxis(values_axis)
    old = view.chart()
    view.setChart(chart)
    old.deleteLater()
    span = f"{month_label(months[0].month)} to {month_label(months[-1].month)}" if months else ""
    months_axis.setTitleText(span)  # the months' labels are short: "Jan"
    view.setAccessibleName(f"{measure.title} per month, {span}")
    view.setAccessibleDescription(
        "; ".join(f"{month_label(m.month)}: {v:,}" for m, v in zip(months, values, strict=True))
    )
