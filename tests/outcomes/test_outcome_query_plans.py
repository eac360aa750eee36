"""A person's page and a return's inputs read outcome records through the m0003 indexes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_app.domain.outcomes.change import Period
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from tests.query_plans import plans_of


@pytest.mark.parametrize("reading", ["person", "change inputs"])
def test_outcome_reads_use_an_index(db: Database, person: str, reading: str) -> None:
    period = Period(date(2025, 4, 1), date(2026, 3, 31))
    calls: dict[str, Callable[[], object]] = {
        "person": lambda: outcomes.person_outcomes(db, person),
        "change inputs": lambda: outcomes.change_inputs(db, "UCLA3", period),
    }
    details = [step.detail for plan in plans_of(db, calls[reading]) for step in plan]
    assert any("outcome_records" in d for d in details), details
    assert not [d for d in details if d.startswith(("SCAN o", "SCAN f"))], details
