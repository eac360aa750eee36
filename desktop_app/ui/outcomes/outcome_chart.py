"""A person's scores over time: one small chart per measure, each drawn so that better is up.

For measures where a fall is an improvement (UCLA-3 loneliness, ONS4 anxiety) the value axis is
turned over, and says so, so a rising line always means the person is doing better.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.outcomes.change import OutcomeRecord
from desktop_app.domain.outcomes.measures import Measure
from desktop_app.services import outcomes
from desktop_app.store.database import Database

Reading = Callable[[OutcomeRecord], float | None]


@dataclass(frozen=True)
class Line:
    name: str
    read: Reading


@dataclass(frozen=True)
class Track:
    """One chart: lines on the same scale that share a direction."""

    title: str
    higher_is_better: bool
    low: float
    high: float
    lines: tuple[Line, ...]


def tracks_for(m: Measure) -> list[Track]:
    """How a measure is charted: its total (or metric score), or its items grouped by direction."""
    if not m.scored_per_item:
        label = "Metric score" if m.uses_metric else "Total"
        return [
            Track(m.name, m.higher_is_better, m.total_min, m.total_max, (Line(label, _headline),))
        ]
    tracks = []
    for better_up in (True, False):
        items = [item for item in m.items if item.higher_is_better == better_up]
        if items:
            tracks.append(
                Track(
                    f"{m.name}: {items[0].name}" if len(items) == 1 else m.name,
                    better_up,
                    m.item_min,
                    m.item_max,
                    tuple(Line(item.name, _item_reader(item.number)) for item in items),
                )
            )
    return tracks


def tick_count(span: int, most: int = 7) -> int:
    """Ticks on whole numbers: the finest even step across `span` that needs at most `most`."""
    step = next(s for s in range(1, span + 1) if span % s == 0 and span // s + 1 <= most)
    return span // step + 1


def _headline(record: OutcomeRecord) -> float | None:
    return record.score.headline


def _item_reader(number: int) -> Reading:
    def read(record: OutcomeRecord) -> float | None:
        items = record.score.items
        return items[number - 1] if len(items) >= number else None

    return read


class OutcomeChart(QWidget):
    """The charts for one person. Call `refresh()` after recording a new form."""

    def __init__(self, db: Database, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._person_id = person_id
        self.views: list[QChartView] = []
        self._content = QWidget()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._content)
        self.setAccessibleName("Scores over time")
        self.refresh()

    def refresh(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.views = []
        records = outcomes.person_outcomes(self._db, self._person_id)
        for m in outcomes.measures(self._db):
            own = [r for r in records if r.measure_code == m.code]
            for track in tracks_for(m) if own else []:
                view = _chart_view(track, own)
                self.views.append(view)
                column.addWidget(view)
        if not self.views:
            empty = QLabel("No wellbeing scores recorded yet.")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(empty)
        self._layout.replaceWidget(self._content, content)
        self._content.deleteLater()
        self._content = content


def _chart_view(track: Track, records: list[OutcomeRecord]) -> QChartView:
    chart = QChart()
    direction = "higher is better" if track.higher_is_better else "lower is better, shown upwards"
    chart.setTitle(f"{track.title} ({direction})")
    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM yy")
    y_axis = QValueAxis()
    y_axis.setRange(track.low, track.high)
    y_axis.setTickCount(tick_count(int(track.high - track.low)))
    y_axis.setLabelFormat("%d")
    y_axis.setReverse(not track.higher_is_better)  # so a rising line is always an improvement
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    spoken = []
    days = [r.taken_on for r in records]
    for line in track.lines:
        series = QLineSeries()
        series.setName(line.name)
        series.setPointsVisible(True)
        said = []
        for record in records:
            value = line.read(record)
            if value is not None:
                series.append(_msecs(record.taken_on), value)
                said.append(f"{value:g} on {_spoken(record.taken_on)} ({record.stage.label})")
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        spoken.append(f"{line.name}: {', '.join(said) or 'no complete scores'}")
    first, last = min(days), max(days)
    margin = timedelta(days=max(3, (last - first).days // 20))  # keeps end points in view
    x_axis.setRange(_noon(first - margin), _noon(last + margin))
    chart.legend().setVisible(len(track.lines) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220 if len(track.lines) > 1 else 180)
    view.setAccessibleName(track.title)
    view.setAccessibleDescription(f"{direction.capitalize()}. {'. '.join(spoken)}")
    return view


def _noon(day: date) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))


def _msecs(day: date) -> float:
    return float(_noon(day).toMSecsSinceEpoch())


def _spoken(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
