"""Safeguarding concerns and their actions from the rows of an import.

A concern is matched on its reference (an exported concern's reference is its id); an action on
its concern, its date and what was done (any case), so a second import of the same file adds
nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from desktop_app.domain.importing.records import _pick
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.safeguarding import Concern, ConcernAction

CONCERN_COLUMNS = {
    "person_id": "person_ref",
    "session_id": "session_ref",
    "actions": "",
    "raised_by": "raised_by_user",
    "resolved_by": "resolved_by_user",
}


def concern_id_for(ref: str, namespace: str) -> str:
    """The concern's id from its reference: its id when exported, else always the same id for
    the same reference in the same database."""
    try:
        return str(uuid.UUID(ref))
    except ValueError:
        return str(uuid.uuid5(uuid.UUID(namespace), f"concern:{ref.strip().casefold()}"))


def concern_from_row(
    row: ParsedRow,
    existing: Concern | None,
    concern_id: str,
    person_id: str | None,
    session_id: str | None,
) -> Concern:
    """`person_id`, `session_id`: those the row names (kept as they are when the file has no
    such column)."""
    raised_on = row.date("raised_on") or date.min
    base = existing or Concern(raised_on, row.text("kind"), id=concern_id)
    return replace(
        base,
        raised_on=raised_on,
        kind=row.text("kind"),
        person_id=person_id if row.has("person_ref") else base.person_id,
        session_id=session_id if row.has("session_ref") else base.session_id,
        what_happened=_pick(row, "what_happened", base.what_happened, ""),
        passed_to=_pick(row, "passed_to", base.passed_to, ""),
        resolved_on=_pick(row, "resolved_on", base.resolved_on, None),
        raised_by=_pick(row, "raised_by_user", base.raised_by, ""),
        resolved_by=_pick(row, "resolved_by_user", base.resolved_by, ""),
    )


def action_key(taken_on: date, what: str) -> tuple[date, str]:
    return (taken_on, " ".join(what.split()).casefold())


def with_action(concern: Concern, row: ParsedRow) -> tuple[Concern, bool]:
    """The concern with the row's action (or its by-whom changed), and whether it is new."""
    taken_on = row.date("taken_on") or date.min
    key = action_key(taken_on, row.text("what"))
    by_whom = row.text("by_whom") if row.has("by_whom") else None
    for number, action in enumerate(concern.actions):
        if action_key(action.taken_on, action.what) == key:
            if by_whom is None or by_whom == action.by_whom:
                return concern, False
            changed = list(concern.actions)
            changed[number] = replace(action, by_whom=by_whom)
            return replace(concern, actions=tuple(changed)), False
    added = ConcernAction(taken_on, row.text("what").strip(), by_whom or "")
    return replace(concern, actions=(*concern.actions, added)), True
