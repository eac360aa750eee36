"""What the planners of linked rows (hours, referrals, case studies, outcomes) need from the
import being planned: its connection, the ids found so far, and a few look-ups. The Planner in
plan.py provides it; the planners take it as a parameter, so neither side imports the other."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Protocol, TypeVar

from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.importing.template import SheetName
from desktop_app.domain.sessions import Session
from desktop_app.services.importing.results import ImportPlan
from desktop_app.store.connection import Connection

KeyT = TypeVar("KeyT", bound=Hashable)
Tick = Callable[[], None]  # called once per row planned: progress and cancelling


class PlanContext(Protocol):
    conn: Connection
    namespace: str
    today: date
    tick: Tick
    plan: ImportPlan
    stored_person_ids: set[str]
    person_ids: dict[str, str]
    volunteer_ids: dict[str, str]
    session_ids: dict[str, str]
    sessions: dict[str, Session]

    def repeated(
        self, seen: dict[KeyT, int], key: KeyT, row: ParsedRow, column: str, what: str
    ) -> bool: ...

    def referred_id(
        self, row: ParsedRow, column: str, ids: dict[str, str], what: str, sheet: SheetName
    ) -> str | None: ...

    def resolve_session_refs(self, refs: set[str]) -> None: ...

    def session_for(self, session_id: str, row: ParsedRow) -> Session | None: ...
