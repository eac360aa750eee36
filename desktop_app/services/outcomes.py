"""Recording wellbeing and loneliness measures, and reading them back for pages and returns."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from desktop_app.domain.outcomes.change import (
    ChangeReport,
    OutcomeRecord,
    ReviewDue,
    Stage,
    due_for_review,
    outcome_change,
)
from desktop_app.domain.outcomes.measures import (
    SHIPPED,
    Measure,
    MeasureProblem,
    custom_measure,
    scores_recorded_text,
    scoring_changes,
)
from desktop_app.domain.outcomes.scoring import (
    Score,
    score,
    score_from_total,
    score_problems,
    total_problems,
)
from desktop_app.domain.problems import Problem, not_in_future
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.returns.periods import Period
from desktop_app.services.access import change
from desktop_app.services.recently_deleted import delete_keeping_a_copy
from desktop_app.services.settings import change_count, stored_count
from desktop_app.services.validation import ValidationFailed, refuse
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import outcomes_repo

log = logging.getLogger(__name__)

REVIEW_WEEKS_SETTING = "outcomes_review_after_weeks"
DEFAULT_REVIEW_WEEKS = 12
MAX_REVIEW_WEEKS = 104


# Measures ------------------------------------------------------------------------------------


def measures(db: Database) -> list[Measure]:
    """Every measure the organisation has: PeerLog's own, then its custom ones, including those
    no longer offered (their scores still show on records and count in returns)."""
    conn = db.connection()
    shipped = [
        m.with_wording(outcomes_repo.item_wording(conn, m.code)) if m.wording_is_licensed else m
        for m in SHIPPED.values()
    ]
    return shipped + outcomes_repo.custom_measures(conn)


def short_measure_names(db: Database) -> dict[str, str]:
    """Names that fit a table cell: "SWEMWBS" for PeerLog's own, the name for custom ones."""
    return {m.code: m.name if m.custom else m.code for m in measures(db)}


def offered_measures(db: Database) -> list[Measure]:
    """The measures a new outcome form offers."""
    return [m for m in measures(db) if m.offered]


def measure(db: Database, code: str) -> Measure:
    found = next((m for m in measures(db) if m.code == code), None)
    if found is None:
        raise ValidationFailed(
            [Problem("measure", f"There is no measure called {code} in this database.")]
        )
    return found


def set_item_wording(db: Database, code: str, wording: Mapping[int, str]) -> Measure:
    """Keep the organisation's own licensed wording for WEMWBS or SWEMWBS items; an empty
    text puts "Item N" back."""
    base = SHIPPED.get(code)
    if base is None or not base.wording_is_licensed:
        raise ValidationFailed(
            [Problem("measure", "Only WEMWBS and SWEMWBS take the organisation's wording.")]
        )
    worded = _checked(lambda: base.with_wording(wording))
    with change(db, Permission.CHANGE_SETTINGS) as work:
        outcomes_repo.replace_item_wording(work.conn, code, wording)
        work.record(Action.CHANGE, "measure wording", code)
    return worded


def add_custom_measure(
    db: Database,
    name: str,
    item_wording: Sequence[str],
    item_min: int,
    item_max: int,
    higher_is_better: bool,
    threshold: float,
) -> Measure:
    code = f"custom-{uuid.uuid4().hex[:12]}"
    new = _checked(
        lambda: custom_measure(
            code, name, list(item_wording), item_min, item_max, higher_is_better, threshold
        )
    )
    if new.name.casefold() in {m.name.casefold() for m in measures(db)}:
        refuse([Problem("name", f"There is already a measure called {new.name}.")])
    with change(db, Permission.CHANGE_SETTINGS) as work:
        outcomes_repo.insert_custom_measure(work.conn, new, utc_now())
        work.record(Action.CREATE, "custom measure", code)
    log.info("Custom measure added")
    return new


def scores_recorded(db: Database, code: str) -> int:
    """How many forms have been recorded with the measure."""
    return outcomes_repo.scores_recorded(db.connection(), code)


def edit_custom_measure(
    db: Database,
    code: str,
    name: str,
    item_wording: Sequence[str],
    item_min: int,
    item_max: int,
    higher_is_better: bool,
    threshold: float,
) -> Measure:
    """Correct a custom measure. Its name and wording can always change; how it is scored
    only while no scores have been recorded with it."""
    old = _custom(db, code)
    new = _checked(
        lambda: custom_measure(
            code,
            name,
            list(item_wording),
            item_min,
            item_max,
            higher_is_better,
            threshold,
            offered=old.offered,
        )
    )
    if new.name.casefold() in {m.name.casefold() for m in measures(db) if m.code != code}:
        refuse([Problem("name", f"There is already a measure called {new.name}.")])
    with change(db, Permission.CHANGE_SETTINGS) as work:
        if scoring_changes(old, new):
            _refuse_if_scored(work.conn, code, _SCORING_FIXED)
        outcomes_repo.update_custom_measure(work.conn, new, utc_now())
        work.record(Action.CHANGE, "custom measure", code)
    log.info("Custom measure changed")
    return new


def delete_custom_measure(db: Database, code: str) -> None:
    """Delete a custom measure nobody has been scored on (one with scores can only be
    stopped: see `stop_offering_measure`)."""
    _custom(db, code)
    with change(db, Permission.CHANGE_SETTINGS) as work:
        _refuse_if_scored(work.conn, code, _CANNOT_DELETE)
        outcomes_repo.delete_custom_measure(work.conn, code)
        work.record(Action.DELETE, "custom measure", code)
    log.info("Custom measure deleted")


def stop_offering_measure(db: Database, code: str) -> None:
    """Take a custom measure off new outcome forms; its scores stay on records and in returns."""
    _set_offered(db, code, offered=False)


def offer_measure_again(db: Database, code: str) -> None:
    _set_offered(db, code, offered=True)


def _set_offered(db: Database, code: str, offered: bool) -> None:
    _custom(db, code)
    with change(db, Permission.CHANGE_SETTINGS) as work:
        outcomes_repo.set_custom_measure_stopped(work.conn, code, None if offered else utc_now())
        work.record(Action.CHANGE, "custom measure", code)
    log.info("Custom measure %s", "offered again" if offered else "no longer offered")


_SCORING_FIXED = (
    "changing how it is scored would change what they mean. Add a new measure instead, "
    "and stop offering this one."
)
_CANNOT_DELETE = (
    "deleting it would lose them, and returns count them. Stop offering it instead: it will "
    "no longer appear on new outcome forms."
)


def _refuse_if_scored(conn: Connection, code: str, why: str) -> None:
    count = outcomes_repo.scores_recorded(conn, code)
    if count:
        recorded = scores_recorded_text(count)
        refuse([Problem("measure", f"{recorded} with this measure; {why}")])


def _custom(db: Database, code: str) -> Measure:
    """The custom measure `code`; PeerLog's own measures cannot be changed or removed."""
    if code in SHIPPED:
        refuse(
            [
                Problem(
                    "measure",
                    f"{code} is one of PeerLog's own measures; it cannot be changed or removed.",
                )
            ]
        )
    return measure(db, code)


def _checked(make: Callable[[], Measure]) -> Measure:
    try:
        return make()
    except MeasureProblem as exc:
        raise ValidationFailed([Problem("measure", str(exc))]) from exc


# Recording -----------------------------------------------------------------------------------


def record_outcome(
    db: Database,
    person_id: str,
    measure_code: str,
    stage: Stage,
    taken_on: date,
    item_scores: Sequence[int | None],
    today: date | None = None,
    correcting: str | None = None,
) -> OutcomeRecord:
    """Save one form. A form with a missing item is kept, without a total, as incomplete.
    `correcting` (a saved form's id) corrects that form instead: it is checked as a new one
    would be, keeps its id, and the audit trail notes a change."""
    chosen = measure(db, measure_code)
    refuse(score_problems(chosen, item_scores) + _date_problems(taken_on, today))
    result = score(chosen, item_scores)
    if correcting is None:
        return _save(db, person_id, chosen, stage, taken_on, result)
    record = OutcomeRecord(person_id, chosen.code, Stage(stage), taken_on, result, correcting)
    with change(db, Permission.LOG_RECORDS) as work:
        outcomes_repo.update_outcome(work.conn, record, utc_now())
        work.record(Action.CHANGE, "outcome", record.id)
    return outcomes_repo.get_outcome(db.connection(), record.id)


def record_outcome_total(
    db: Database,
    person_id: str,
    measure_code: str,
    stage: Stage,
    taken_on: date,
    total: int,
    today: date | None = None,
) -> OutcomeRecord:
    """Save a total without item scores, as imports from other systems provide."""
    chosen = measure(db, measure_code)
    refuse(total_problems(chosen, total) + _date_problems(taken_on, today))
    return _save(db, person_id, chosen, stage, taken_on, score_from_total(chosen, total))


def _date_problems(taken_on: date, today: date | None) -> list[Problem]:
    return not_in_future(taken_on, "taken_on", "The date", today or date.today())


def _save(
    db: Database, person_id: str, chosen: Measure, stage: Stage, taken_on: date, result: Score
) -> OutcomeRecord:
    record = OutcomeRecord(person_id, chosen.code, Stage(stage), taken_on, result)
    with change(db, Permission.LOG_RECORDS) as work:
        outcomes_repo.insert_outcome(work.conn, record, utc_now())
        work.record(Action.CREATE, "outcome", record.id)
    return record


def get_outcome(db: Database, record_id: str) -> OutcomeRecord:
    return outcomes_repo.get_outcome(db.connection(), record_id)


def delete_outcome(db: Database, record_id: str) -> None:
    delete_keeping_a_copy(db, "outcome", record_id, outcomes_repo.delete_outcome)


# Reading -------------------------------------------------------------------------------------


def person_outcomes(db: Database, person_id: str) -> list[OutcomeRecord]:
    """A person's forms, oldest first."""
    return outcomes_repo.outcomes_for_person(db.connection(), person_id)


def review_weeks(db: Database) -> int:
    return stored_count(db, REVIEW_WEEKS_SETTING, MAX_REVIEW_WEEKS, DEFAULT_REVIEW_WEEKS)


def set_review_weeks(db: Database, weeks: int) -> None:
    change_count(db, REVIEW_WEEKS_SETTING, weeks, MAX_REVIEW_WEEKS, "weeks", "review_weeks")


def people_due_review(db: Database, today: date | None = None) -> list[ReviewDue]:
    """People (not archived) whose baseline is older than the review interval with no review
    or exit since, longest waiting first."""
    records = outcomes_repo.outcomes_of_active_people(db.connection())
    return due_for_review(records, today or date.today(), review_weeks(db))


def change_inputs(db: Database, measure_code: str, period: Period) -> list[OutcomeRecord]:
    """The records the pairing rule needs for one measure and period."""
    return outcomes_repo.change_inputs(db.connection(), measure_code, period)


def change_report(db: Database, measure_code: str, period: Period) -> list[ChangeReport]:
    """Change on one measure over a period (one report per item for ONS4)."""
    chosen = measure(db, measure_code)
    return outcome_change(chosen, change_inputs(db, measure_code, period), period)
