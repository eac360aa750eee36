"""A person's scores charted over time, each measure drawn so that better is up."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.domain.outcomes.change import Stage
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.ui.outcomes.outcome_chart import OutcomeChart, tick_count

TODAY = date(2025, 9, 1)


def save(db: Database, person: str, code: str, stage: Stage, on: date, items: list[int | None]):
    return outcomes.record_outcome(db, person, code, stage, on, items, today=TODAY)


def series_of(view) -> list[QLineSeries]:
    return list(view.chart().series())


def points(series: QLineSeries) -> list[float]:
    return [point.y() for point in series.points()]


def value_axis(view) -> QValueAxis:
    [axis] = view.chart().axes(Qt.Orientation.Vertical)
    return axis


def make_chart(qtbot: QtBot, db: Database, person: str) -> OutcomeChart:
    chart = OutcomeChart(db, person)
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_nothing_recorded_says_so(qtbot: QtBot, db: Database, person: str) -> None:
    chart = make_chart(qtbot, db, person)
    assert chart.views == []
    assert chart.findChild(QLabel).text() == "No wellbeing scores recorded yet."


def test_swemwbs_charted_on_metric_scores_upwards(qtbot: QtBot, db: Database, person: str) -> None:
    save(db, person, "SWEMWBS", Stage.BASELINE, date(2025, 1, 6), [2] * 7)
    save(db, person, "SWEMWBS", Stage.REVIEW, date(2025, 4, 6), [3] * 6 + [None])
    save(db, person, "SWEMWBS", Stage.EXIT, date(2025, 7, 6), [3] * 7)
    chart = make_chart(qtbot, db, person)
    [view] = chart.views
    [series] = series_of(view)
    assert points(series) == [15.32, 19.25]  # the incomplete review has no score to plot
    axis = value_axis(view)
    assert (axis.min(), axis.max(), axis.isReverse()) == (7, 35, False)
    assert view.chart().title().endswith("(higher is better)")
    assert view.accessibleDescription() == (
        "Higher is better. Metric score: 15.32 on 6 January 2025 (Baseline), "
        "19.25 on 6 July 2025 (Exit)"
    )


def test_loneliness_axis_is_turned_so_a_fall_shows_as_a_rise(
    qtbot: QtBot, db: Database, person: str
) -> None:
    save(db, person, "UCLA3", Stage.BASELINE, date(2025, 1, 6), [3, 3, 3])
    save(db, person, "UCLA3", Stage.REVIEW, date(2025, 4, 6), [2, 1, 2])
    chart = make_chart(qtbot, db, person)
    [view] = chart.views
    axis = value_axis(view)
    assert (axis.min(), axis.max(), axis.isReverse()) == (3, 9, True)
    assert view.chart().title() == "UCLA 3-item loneliness scale (lower is better, shown upwards)"
    assert points(series_of(view)[0]) == [9, 5]


def test_ons4_anxiety_has_its_own_reversed_chart(qtbot: QtBot, db: Database, person: str) -> None:
    save(db, person, "ONS4", Stage.BASELINE, date(2025, 1, 6), [4, 5, 6, 8])
    save(db, person, "ONS4", Stage.REVIEW, date(2025, 4, 6), [6, 6, 7, None])
    chart = make_chart(qtbot, db, person)
    positive, anxiety = chart.views
    assert [len(points(s)) for s in series_of(positive)] == [2, 2, 2]
    assert not value_axis(positive).isReverse()
    assert [points(s) for s in series_of(anxiety)] == [[8]]
    assert value_axis(anxiety).isReverse()
    assert positive.chart().legend().isVisible() and not anxiety.chart().legend().isVisible()
    assert positive.accessibleName() == "ONS personal wellbeing (ONS4)"
    assert anxiety.accessibleName() == "ONS personal wellbeing (ONS4): Anxiety"
    assert [s.name() for s in series_of(positive)] == [
        "Life satisfaction",
        "Worthwhile",
        "Happiness",
    ]


def test_each_measure_gets_its_own_chart_and_refresh_adds_new_scores(
    qtbot: QtBot, db: Database, person: str, other_person: str
) -> None:
    save(db, person, "WEMWBS", Stage.BASELINE, date(2025, 1, 6), [3] * 14)
    save(db, other_person, "UCLA3", Stage.BASELINE, date(2025, 1, 6), [3, 3, 3])
    chart = make_chart(qtbot, db, person)
    assert [v.accessibleName() for v in chart.views] == [outcomes.measure(db, "WEMWBS").name]
    save(db, person, "WEMWBS", Stage.REVIEW, date(2025, 3, 6), [4] * 14)
    save(db, person, "UCLA3", Stage.BASELINE, date(2025, 1, 6), [2, 2, 2])
    chart.refresh()
    assert len(chart.views) == 2
    assert points(series_of(chart.views[0])[0]) == [42, 56]


def test_value_axis_ticks_fall_on_whole_scores() -> None:
    # UCLA-3 3..9, ONS4 0..10, SWEMWBS 7..35, WEMWBS 14..70, a prime span
    assert [tick_count(span) for span in (6, 10, 28, 56, 13)] == [7, 6, 5, 5, 2]
