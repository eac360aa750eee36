"""Outcome charts and tables say "improved" the same way for every measure: a fall in loneliness
(UCLA-3) or anxiety (ONS4 item 4) is an improvement, drawn as a bar towards the better side, and
no measure's name is cut short. Checked from a real database, and in the PDF read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn, Table
from desktop_app.services import outcomes, people
from desktop_app.services.returns.build import build_return
from desktop_app.services.returns.formats import write_return
from desktop_app.services.returns.formats.pdf_charts import BAR, NEGATIVE, bar_chart
from desktop_app.store.database import Database
from tests.returns.return_readback import all_text

PERIOD = Period(date(2024, 4, 1), date(2025, 3, 31))


def _scored(db: Database) -> ProtectedReturn:
    """Five people whose loneliness fell, anxiety fell, and SWEMWBS rose; returned."""
    for n in range(5):
        who = people.add_person(db, Person(f"Member {n}")).id
        for stage, day, ucla, ons, swemwbs in (
            (Stage.BASELINE, date(2024, 5, 1), 3, [5, 5, 5, 8], 2),
            (Stage.EXIT, date(2025, 2, 1), 2, [6, 6, 6, 3], 3),
        ):
            outcomes.record_outcome(db, who, "UCLA3", stage, day, [ucla] * 3)
            outcomes.record_outcome(db, who, "ONS4", stage, day, ons)
            outcomes.record_outcome(db, who, "SWEMWBS", stage, day, [swemwbs] * 7)
    # exact: the direction of the means is the point here; a perturbed return shows no mean
    # of so few people (tests/returns/test_differencing.py)
    return build_return(db, PERIOD, "Funder summary", exact=True)


def _chart(result: ProtectedReturn) -> Table:
    section = next(s for s in result.sections if s.code == "outcomes")
    (chart,) = section.charts
    return chart


def _table(result: ProtectedReturn, code: str) -> dict[str, tuple[str, object]]:
    section = next(s for s in result.sections if s.code == "outcomes")
    table = next(t for t in section.tables if t.code == code)
    return {f.code: (f.label, f.value) for f in table.rows}


def test_falls_in_loneliness_and_anxiety_are_improvements_in_chart_and_table(
    db: Database,
) -> None:
    result = _scored(db)
    loneliness, anxiety = _table(result, "ucla3"), _table(result, "ons4_4")
    assert loneliness["mean_change"] == ("Mean change (a fall is an improvement)", -3.0)
    assert anxiety["mean_change"] == ("Mean change (a fall is an improvement)", -5.0)
    assert loneliness["improved"][1] == anxiety["improved"][1] == 5
    assert _table(result, "swemwbs")["mean_change"][0] == "Mean change (a rise is an improvement)"
    bars = {f.code: f.value for f in _chart(result).rows}
    assert bars["ucla3"] == 3.0 and bars["ons4_4"] == 5.0  # improvements point the better way
    assert bars["ons4_1"] == 1.0 and bars["swemwbs"] is not None and bars["swemwbs"] > 0


def test_improvements_are_drawn_in_the_bar_colour_and_only_worsening_in_red(
    db: Database,
) -> None:
    rows = _chart(_scored(db)).rows
    got_worse = Figure("worse", "Got worse", -2.0, False, "change")
    drawing = bar_chart((*rows, got_worse), 400, DisclosureRules())
    (chart,) = [c for c in drawing.contents if isinstance(c, HorizontalBarChart)]
    colours = {
        name.replace("\n", " "): chart.bars[(0, i)].fillColor
        for i, name in enumerate(chart.categoryAxis.categoryNames)
    }
    assert colours["Got worse"] == NEGATIVE
    assert colours["UCLA 3-item loneliness scale"] == BAR
    assert colours["ONS4: Anxiety"] == BAR


def test_the_pdf_names_every_measure_in_full(db: Database, tmp_path: Path) -> None:
    pdf = tmp_path / "return.pdf"
    write_return(_scored(db), "pdf", pdf)
    text = " ".join(all_text(pdf).split())
    assert "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)" in text
    assert "Mean improvement by measure" in text
    assert "Wellbein…" not in text and "…" not in text.split("Mean improvement by measure")[1]
