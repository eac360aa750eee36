"""Planning the safeguarding log's rows of an import: concerns (matched on their reference) and
the actions taken about them (matched on their concern, date and what was done)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.importing.concerns import (
    CONCERN_COLUMNS,
    concern_from_row,
    concern_id_for,
    with_action,
)
from desktop_app.domain.importing.records import row_problems
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.importing.template import SheetName
from desktop_app.domain.safeguarding import Concern, cleaned_concern, validate_concern
from desktop_app.domain.vocabularies import NOT_RECORDED
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.records import safeguarding_repo

if TYPE_CHECKING:
    from desktop_app.services.importing.plan_context import PlanContext

CONCERNS = "safeguarding concerns"
ACTIONS = "safeguarding actions"


def plan_concerns(p: PlanContext, rows: list[ParsedRow], action_rows: list[ParsedRow]) -> None:
    p.resolve_session_refs({r.text("session_ref") for r in rows})
    concerns: dict[str, tuple[ParsedRow, Concern | None, Concern]] = {}
    refs: dict[str, str] = {}  # reference (case-folded) -> id
    seen: dict[str, int] = {}
    for row in rows:
        p.tick()
        concern_id = concern_id_for(row.text("ref"), p.namespace)
        if p.repeated(seen, concern_id, row, "ref", "This concern"):
            continue
        person_found, person_id = _linked(p, row, "person_ref", p.person_ids, "person")
        session_found, session_id = _linked(p, row, "session_ref", p.session_ids, "session")
        if not (person_found and session_found):
            continue
        before = _stored(p, concern_id)
        concern = concern_from_row(row, before, concern_id, person_id, session_id)
        refs[row.text("ref").casefold()] = concern_id
        concerns[concern_id] = (row, before, concern)
    for row in action_rows:
        p.tick()
        known = refs.get(row.text("concern_ref").casefold())
        concern_id = known or concern_id_for(row.text("concern_ref"), p.namespace)
        if concern_id not in concerns:
            before = _stored(p, concern_id)
            if before is None:
                p.plan.problems.append(
                    row.problem(
                        "concern_ref",
                        "There is no concern with this reference, in safeguarding_concerns or "
                        "already in PeerLog. Check the reference.",
                    )
                )
                continue
            concerns[concern_id] = (row, before, before)
        concern_row, before, concern = concerns[concern_id]
        concern, added = with_action(concern, row)
        concerns[concern_id] = (concern_row, before, concern)
        counted = p.plan.count(ACTIONS)
        if added:
            counted.added += 1
        else:
            counted.unchanged += 1
    for row, before, concern in concerns.values():
        _note(p, row, before, cleaned_concern(concern))


def _note(p: PlanContext, row: ParsedRow, before: Concern | None, concern: Concern) -> None:
    problems = validate_concern(concern, p.today, was_kind=NOT_RECORDED)
    if problems:
        p.plan.problems += row_problems(row, problems, CONCERN_COLUMNS)
        return
    p.plan.note(p.plan.concerns, CONCERNS, before, concern)


def _linked(
    p: PlanContext, row: ParsedRow, column: str, ids: dict[str, str], what: str
) -> tuple[bool, str | None]:
    """Whether what the column names was found (a problem says so when not), and its id (None:
    the column names nothing)."""
    if not row.text(column):
        return True, None
    sheet: SheetName = "people" if what == "person" else "sessions"
    found = p.referred_id(row, column, ids, what, sheet)
    return found is not None, found


def _stored(p: PlanContext, concern_id: str) -> Concern | None:
    try:
        return safeguarding_repo.get_concern_row(p.conn, concern_id).concern
    except RecordNotFound:
        return None
