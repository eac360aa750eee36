"""Correcting and removing a custom measure, on a real encrypted database: the name and wording
can always change, the scoring only before any score is recorded; a measure with scores is
stopped rather than deleted, and stays on records and in returns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.outcomes.measures import Measure
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.returns.periods import Period
from desktop_app.services import outcomes
from desktop_app.services.access import NotAllowed
from desktop_app.services.databases import open_database
from desktop_app.services.protection import audit, users
from desktop_app.services.returns import build as returns
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database

TODAY = date(2025, 9, 1)
LEAD_PASSPHRASE = "lead volunteer walks the dog daily"
QUESTIONS = ["I can ask for help", "I feel part of the group"]


@pytest.fixture
def confidence(db: Database) -> Measure:
    return outcomes.add_custom_measure(db, "Confidnce", QUESTIONS, 1, 5, True, 2)


def edit(db: Database, measure: Measure, **changes: object) -> Measure:
    fields: dict[str, object] = {
        "name": measure.name,
        "item_wording": [item.label for item in measure.items],
        "item_min": measure.item_min,
        "item_max": measure.item_max,
        "higher_is_better": measure.higher_is_better,
        "threshold": measure.threshold,
    } | changes
    return outcomes.edit_custom_measure(db, measure.code, **fields)  # type: ignore[arg-type]


def score(db: Database, person: str, code: str, stage: Stage, on: date, items: list[int]) -> None:
    outcomes.record_outcome(db, person, code, stage, on, items, today=TODAY)


def newest_audit(db: Database) -> tuple[str, str, str]:
    entry = audit.list_entries(db).rows[0]
    return entry.action, entry.record_kind, entry.record_id


def test_name_and_wording_can_be_corrected_after_scores(
    db: Database, person: str, confidence: Measure
) -> None:
    score(db, person, confidence.code, Stage.BASELINE, date(2025, 1, 6), [2, 3])
    edit(db, confidence, name="Confidence", item_wording=["I can ask for help", "I belong"])
    stored = outcomes.measure(db, confidence.code)
    assert stored.name == "Confidence"
    assert [i.label for i in stored.items] == ["I can ask for help", "I belong"]
    assert newest_audit(db) == ("change", "custom measure", confidence.code)


@pytest.mark.parametrize(
    "changes",
    [
        {"item_wording": [*QUESTIONS, "A third question"]},
        {"item_max": 7},
        {"higher_is_better": False},
        {"threshold": 3},
    ],
)
def test_scoring_is_fixed_once_a_score_is_recorded(
    db: Database, person: str, confidence: Measure, changes: dict[str, object]
) -> None:
    for _ in range(12):
        score(db, person, confidence.code, Stage.BASELINE, date(2025, 1, 6), [2, 3])
    with pytest.raises(ValidationFailed) as refused:
        edit(db, confidence, name="Confidence", **changes)
    assert refused.value.messages_for("measure") == [
        "12 scores have been recorded with this measure; changing how it is scored would change "
        "what they mean. Add a new measure instead, and stop offering this one."
    ]
    assert outcomes.measure(db, confidence.code) == confidence, "nothing changed, not the name"


def test_scoring_can_change_before_any_score(db: Database, confidence: Measure) -> None:
    edit(db, confidence, item_wording=[*QUESTIONS, "I look forward to the week"], item_max=7)
    stored = outcomes.measure(db, confidence.code)
    assert (stored.item_count, stored.item_max) == (3, 7)


def test_a_corrected_name_must_still_be_unique(db: Database, confidence: Measure) -> None:
    outcomes.add_custom_measure(db, "Belonging", QUESTIONS, 1, 5, True, 2)
    with pytest.raises(ValidationFailed) as refused:
        edit(db, confidence, name="belonging")
    assert refused.value.messages_for("name") == ["There is already a measure called belonging."]
    edit(db, confidence, name="CONFIDNCE")  # its own name, in other capitals, is fine


def test_a_measure_without_scores_is_deleted(db: Database, confidence: Measure) -> None:
    outcomes.delete_custom_measure(db, confidence.code)
    assert all(m.code != confidence.code for m in outcomes.measures(db))
    assert newest_audit(db) == ("delete", "custom measure", confidence.code)
    assert db.connection().execute("SELECT count(*) FROM custom_measure_items").fetchone()[0] == 0


def test_a_measure_with_scores_is_stopped_not_deleted(
    db: Database, person: str, confidence: Measure
) -> None:
    score(db, person, confidence.code, Stage.BASELINE, date(2025, 1, 6), [2, 2])
    score(db, person, confidence.code, Stage.EXIT, date(2025, 5, 6), [4, 5])
    with pytest.raises(ValidationFailed, match="2 scores have been recorded with this measure"):
        outcomes.delete_custom_measure(db, confidence.code)
    assert outcomes.scores_recorded(db, confidence.code) == 2

    outcomes.stop_offering_measure(db, confidence.code)
    assert newest_audit(db) == ("change", "custom measure", confidence.code)
    assert confidence.code not in {m.code for m in outcomes.offered_measures(db)}
    assert "SWEMWBS" in {m.code for m in outcomes.offered_measures(db)}
    stopped = outcomes.measure(db, confidence.code)
    assert stopped.offered is False and stopped in outcomes.measures(db)
    assert [r.measure_code for r in outcomes.person_outcomes(db, person)] == [confidence.code] * 2
    figures = returns.outcome_figures(db, Period(date(2025, 1, 1), date(2025, 8, 31)))
    [counted] = [f for f in figures if f.label == "Confidnce"]
    assert (counted.people, counted.improved) == (1, 1)

    edit(db, stopped, name="Confidence")
    assert outcomes.measure(db, confidence.code).offered is False, "a rename keeps it stopped"
    outcomes.offer_measure_again(db, confidence.code)
    assert confidence.code in {m.code for m in outcomes.offered_measures(db)}


def test_shipped_measures_cannot_be_changed_or_removed(db: Database) -> None:
    swemwbs = outcomes.measure(db, "SWEMWBS")
    for attempt in (
        lambda: edit(db, swemwbs, name="Short wellbeing"),
        lambda: outcomes.delete_custom_measure(db, "SWEMWBS"),
        lambda: outcomes.stop_offering_measure(db, "UCLA3"),
    ):
        with pytest.raises(ValidationFailed, match="one of PeerLog's own measures"):
            attempt()
    assert {"SWEMWBS", "UCLA3"} <= {m.code for m in outcomes.offered_measures(db)}


@pytest.fixture
def lead_db(db: Database, confidence: Measure) -> Iterator[Database]:
    users.add_user(db, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    folder = db.folder
    db.close()
    opened = open_database(folder, LEAD_PASSPHRASE)
    yield opened
    opened.close()


def test_a_lead_may_not_change_or_remove_a_measure(lead_db: Database, confidence: Measure) -> None:
    for attempt in (
        lambda: edit(lead_db, confidence, name="Confidence"),
        lambda: outcomes.delete_custom_measure(lead_db, confidence.code),
        lambda: outcomes.stop_offering_measure(lead_db, confidence.code),
        lambda: outcomes.offer_measure_again(lead_db, confidence.code),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert outcomes.measure(lead_db, confidence.code) == confidence
