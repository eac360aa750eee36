"""Planning outcomes.csv: wellbeing and loneliness forms, scored with the outcome measures'
own rules (domain/scoring.py) and matched on person, measure, stage and date, so that
importing the same file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.records import row_problems
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.outcomes.change import OutcomeRecord, Stage
from desktop_app.domain.outcomes.measures import SHIPPED, Measure
from desktop_app.domain.outcomes.scoring import (
    Score,
    score,
    score_from_total,
    score_problems,
    total_problems,
)
from desktop_app.domain.problems import Problem, not_in_future
from desktop_app.store.connection import Connection
from desktop_app.store.records import outcomes_repo

if TYPE_CHECKING:
    from desktop_app.services.importing.plan_context import PlanContext

OutcomeKey = tuple[str, str, str, date]


def measure_names(conn: Connection) -> dict[str, Measure]:
    """Every measure by code and by name, case-folded."""
    known: dict[str, Measure] = {}
    for measure in [*SHIPPED.values(), *outcomes_repo.custom_measures(conn)]:
        known.setdefault(measure.code.casefold(), measure)
        known.setdefault(measure.name.casefold(), measure)
    return known


def plan_outcomes(p: PlanContext, rows: Sequence[ParsedRow]) -> None:
    measures = measure_names(p.conn) if rows else {}
    existing: dict[str, list[OutcomeRecord]] = {}
    seen: dict[OutcomeKey, int] = {}
    for row in rows:
        p.tick()
        person_id = p.referred_id(row, "person_ref", p.person_ids, "person", "people")
        measure = measures.get(" ".join(row.text("measure").split()).casefold())
        if measure is None:
            p.plan.problems.append(
                row.problem(
                    "measure",
                    "There is no measure with this name. Use SWEMWBS, WEMWBS, ONS4, UCLA3, or "
                    "add your own measure in PeerLog first.",
                )
            )
        if person_id is None or measure is None:
            continue
        key = (person_id, measure.code, row.text("stage"), row.date("taken_on") or date.min)
        what = f"This person's {measure.name} at this stage on this date"
        if p.repeated(seen, key, row, "taken_on", what):
            continue
        if person_id not in existing:
            stored = person_id in p.stored_person_ids
            existing[person_id] = (
                outcomes_repo.outcomes_for_person(p.conn, person_id) if stored else []
            )
        before = next((r for r in existing[person_id] if _key(r) == key), None)
        record, problems = _record(row, person_id, measure, p.today)
        if record is None or problems:
            p.plan.problems += problems
            continue
        if before is not None:
            record = replace(record, id=before.id)
        p.plan.note(p.plan.outcomes, "outcomes", before, record)


def _key(record: OutcomeRecord) -> OutcomeKey:
    return (record.person_id, record.measure_code, record.stage.value, record.taken_on)


def _record(
    row: ParsedRow, person_id: str, measure: Measure, today: date
) -> tuple[OutcomeRecord | None, list[ImportProblem]]:
    taken_on = row.date("taken_on") or date.min
    items = row.scores("items")
    total = row.values.get("total")
    problems = not_in_future(taken_on, "taken_on", "The date", today)
    result: Score | None = None
    if items is not None:
        problems += score_problems(measure, items)
        if not problems:
            result = score(measure, items)
            if isinstance(total, int) and result.total is not None and total != result.total:
                problems.append(
                    Problem(
                        "total",
                        f"The items add up to {result.total}, not {total}. Correct one of "
                        "them, or leave the total empty.",
                    )
                )
    elif isinstance(total, int):
        problems += total_problems(measure, total)
        if not problems:
            result = score_from_total(measure, total)
    else:
        problems.append(Problem("items", "Give the item scores in items, or the total in total."))
    in_columns = [Problem(_column(p.field), p.message) for p in problems]
    if in_columns or result is None:
        return None, row_problems(row, in_columns, {})
    return OutcomeRecord(person_id, measure.code, Stage(row.text("stage")), taken_on, result), []


def _column(field: str) -> str:
    """The column a scoring problem belongs in: each item's problem goes under items."""
    return "items" if field.startswith("item_") else field
