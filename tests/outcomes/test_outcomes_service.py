"""Recording and reading outcome measures through the service, on a real encrypted database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.domain.outcomes.change import Stage, outcome_change
from desktop_app.domain.returns.periods import Period
from desktop_app.services import outcomes, people
from desktop_app.services.databases import open_database
from desktop_app.services.protection import audit
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound
from tests.conftest import PASSPHRASE

TODAY = date(2025, 9, 1)
BASELINE, REVIEW, EXIT = Stage.BASELINE, Stage.REVIEW, Stage.EXIT


def save(db: Database, person: str, code: str, stage: Stage, on: date, items: list[int | None]):
    return outcomes.record_outcome(db, person, code, stage, on, items, today=TODAY)


def test_a_form_is_kept_and_read_back_after_reopening(db: Database, person: str) -> None:
    saved = save(db, person, "SWEMWBS", BASELINE, date(2025, 1, 6), [3, 4, 2, 5, 1, 3, 4])
    assert saved.id and saved.score.total == 22 and saved.score.metric == 19.98
    folder = db.folder
    db.close()
    reopened = open_database(folder, PASSPHRASE)
    try:
        [back] = outcomes.person_outcomes(reopened, person)
    finally:
        reopened.close()
    assert back == saved


def test_incomplete_form_is_kept_without_total(db: Database, person: str) -> None:
    save(db, person, "WEMWBS", BASELINE, date(2025, 1, 6), [3] * 13 + [None])
    [back] = outcomes.person_outcomes(db, person)
    assert back.score.items[-1] is None and back.score.items[0] == 3
    assert (back.score.total, back.score.complete) == (None, False)


def test_scores_are_listed_oldest_first(db: Database, person: str) -> None:
    save(db, person, "UCLA3", REVIEW, date(2025, 6, 1), [2, 2, 2])
    save(db, person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])
    save(db, person, "ONS4", BASELINE, date(2025, 3, 1), [5, 5, 5, 5])
    listed = outcomes.person_outcomes(db, person)
    assert [r.taken_on for r in listed] == [date(2025, 1, 1), date(2025, 3, 1), date(2025, 6, 1)]


@pytest.mark.parametrize(
    ("code", "items", "message"),
    [
        ("SWEMWBS", [1, 2, 7, 1, 1, 1, 1], "Item 3 must be between 1 and 5; you entered 7."),
        ("ONS4", [1, 2, 3], "has 4 items; 3 were given"),
        ("NOPE", [1], "There is no measure called NOPE"),
    ],
)
def test_bad_forms_are_refused(
    db: Database, person: str, code: str, items: list[int | None], message: str
) -> None:
    with pytest.raises(ValidationFailed, match=re.escape(message)):
        save(db, person, code, BASELINE, date(2025, 1, 1), items)
    assert outcomes.person_outcomes(db, person) == []


def test_every_problem_is_reported_against_its_field(db: Database, person: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save(db, person, "UCLA3", BASELINE, date(2025, 9, 2), [0, 2, 4])
    assert [p.field for p in refused.value.problems] == ["item_1", "item_3", "taken_on"]
    assert refused.value.messages_for("item_3") == [
        "Item 3 must be between 1 and 3; you entered 4."
    ]
    assert str(refused.value).startswith("Nothing was saved. Item 1 must be")


def test_future_date_and_unknown_person_refused(db: Database, person: str) -> None:
    with pytest.raises(ValidationFailed, match="2 September 2025 is in the future"):
        save(db, person, "UCLA3", BASELINE, date(2025, 9, 2), [1, 1, 1])
    with pytest.raises(RecordNotFound, match="no longer in the database"):
        save(db, "someone-else", "UCLA3", BASELINE, date(2025, 9, 1), [1, 1, 1])


def test_total_only_record(db: Database, person: str) -> None:
    saved = outcomes.record_outcome_total(
        db, person, "SWEMWBS", BASELINE, date(2025, 1, 1), 21, today=TODAY
    )
    [back] = outcomes.person_outcomes(db, person)
    assert back == saved
    assert (back.score.items, back.score.total, back.score.metric) == ((), 21, 19.25)
    with pytest.raises(ValidationFailed, match="between 14 and 70; you entered 99"):
        outcomes.record_outcome_total(db, person, "WEMWBS", BASELINE, TODAY, 99, today=TODAY)


def test_delete(db: Database, person: str) -> None:
    saved = save(db, person, "UCLA3", BASELINE, date(2025, 1, 1), [1, 1, 1])
    assert saved.id is not None
    outcomes.delete_outcome(db, saved.id)
    assert outcomes.person_outcomes(db, person) == []
    with pytest.raises(RecordNotFound):
        outcomes.delete_outcome(db, saved.id)


def test_licensed_wording_only_from_the_organisation(db: Database) -> None:
    swemwbs = outcomes.measure(db, "SWEMWBS")
    assert [i.label for i in swemwbs.items] == [f"Item {n}" for n in range(1, 8)]
    outcomes.set_item_wording(db, "SWEMWBS", {1: "Our licensed wording for item one"})
    assert outcomes.measure(db, "SWEMWBS").items[0].label == "Our licensed wording for item one"
    assert outcomes.measure(db, "SWEMWBS").items[1].label == "Item 2"
    assert outcomes.measure(db, "WEMWBS").items[0].label == "Item 1"
    outcomes.set_item_wording(db, "SWEMWBS", {2: "Two"})
    assert [i.label for i in outcomes.measure(db, "SWEMWBS").items[:2]] == ["Item 1", "Two"]
    with pytest.raises(ValidationFailed, match="Only WEMWBS and SWEMWBS"):
        outcomes.set_item_wording(db, "ONS4", {1: "Changed"})
    with pytest.raises(ValidationFailed, match="no item 8"):
        outcomes.set_item_wording(db, "SWEMWBS", {8: "Eight"})


def test_custom_measure_is_stored_and_recorded_against(db: Database, person: str) -> None:
    made = outcomes.add_custom_measure(
        db, "Confidence", ["How confident do you feel?", "How calm?"], 0, 4, False, 2
    )
    assert made in outcomes.measures(db)
    assert outcomes.measures(db)[-1] == made
    save(db, person, made.code, BASELINE, date(2025, 1, 1), [4, 4])
    save(db, person, made.code, EXIT, date(2025, 6, 1), [1, 2])
    [report] = outcomes.change_report(db, made.code, Period(date(2025, 1, 1), TODAY))
    assert (report.mean_change, report.improved) == (-5, 1)
    with pytest.raises(ValidationFailed, match="already a measure called confidence"):
        outcomes.add_custom_measure(db, "confidence", ["Q"], 1, 5, True, 1)
    with pytest.raises(ValidationFailed, match="Question 1 has no wording"):
        outcomes.add_custom_measure(db, "Other", [""], 1, 5, True, 1)


def test_erasing_a_person_erases_their_scores(db: Database, person: str, other_person: str) -> None:
    save(db, person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])
    kept = save(db, other_person, "UCLA3", BASELINE, date(2025, 1, 1), [2, 2, 2])
    people.delete_person(db, person)
    count = db.connection().execute("SELECT COUNT(*) FROM outcome_records").fetchone()[0]
    assert count == 1
    assert outcomes.person_outcomes(db, other_person) == [kept]


def test_archived_people_are_not_due_a_review(db: Database, person: str, other_person: str) -> None:
    save(db, person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])
    save(db, other_person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])
    people.archive_person(db, other_person)
    assert [d.person_id for d in outcomes.people_due_review(db, TODAY)] == [person]


def test_review_interval_setting(db: Database, person: str) -> None:
    assert outcomes.review_weeks(db) == 12
    save(db, person, "UCLA3", BASELINE, date(2025, 7, 1), [3, 3, 3])
    assert outcomes.people_due_review(db, TODAY) == []
    outcomes.set_review_weeks(db, 8)
    [due] = outcomes.people_due_review(db, TODAY)
    assert (due.person_id, due.measure_code, due.weeks_since) == (person, "UCLA3", 8)
    save(db, person, "UCLA3", REVIEW, date(2025, 8, 30), [2, 2, 2])
    assert outcomes.people_due_review(db, TODAY) == []
    with pytest.raises(ValidationFailed, match="from 1 to 104 weeks; you entered 0"):
        outcomes.set_review_weeks(db, 0)


def test_change_inputs_hold_what_the_rule_needs(
    db: Database, person: str, other_person: str
) -> None:
    period = Period(date(2025, 4, 1), date(2025, 6, 30))
    save(db, person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])
    save(db, person, "UCLA3", REVIEW, date(2025, 5, 1), [2, 2, 2])
    save(db, person, "UCLA3", EXIT, date(2025, 8, 1), [1, 1, 1])  # after the period
    save(db, person, "ONS4", BASELINE, date(2025, 1, 1), [3, 3, 3, 3])  # another measure
    save(db, other_person, "UCLA3", BASELINE, date(2025, 1, 1), [3, 3, 3])  # no follow-up
    inputs = outcomes.change_inputs(db, "UCLA3", period)
    assert {(r.person_id, r.taken_on) for r in inputs} == {
        (person, date(2025, 1, 1)),
        (person, date(2025, 5, 1)),
    }
    everything = outcomes.person_outcomes(db, person) + outcomes.person_outcomes(db, other_person)
    ucla3 = outcomes.measure(db, "UCLA3")
    assert outcomes.change_report(db, "UCLA3", period) == outcome_change(ucla3, everything, period)


def test_a_form_is_corrected_in_place_and_the_change_audited(db: Database, person: str) -> None:
    saved = save(db, person, "SWEMWBS", BASELINE, date(2025, 1, 6), [3, 4, 2, 5, 1, 3, 4])
    items = [3, 4, 2, 5, 1, 3, 5]
    corrected = outcomes.record_outcome(
        db, person, "SWEMWBS", REVIEW, date(2025, 2, 3), items, TODAY, correcting=saved.id
    )
    assert corrected.id == saved.id and corrected.person_id == person
    (stored,) = outcomes.person_outcomes(db, person)
    assert stored == corrected
    assert (stored.stage, stored.taken_on, stored.score.total) == (REVIEW, date(2025, 2, 3), 23)
    entries = audit.list_entries(db).rows
    assert (entries[0].action, entries[0].record_kind, entries[0].record_id) == (
        "change",
        "outcome",
        saved.id,
    )
    with pytest.raises(ValidationFailed, match="you entered 9"):
        outcomes.record_outcome(db, person, "SWEMWBS", REVIEW, TODAY, [9] * 7, TODAY, saved.id)
    assert outcomes.person_outcomes(db, person) == [corrected]
    outcomes.delete_outcome(db, saved.id)
    with pytest.raises(RecordNotFound):
        outcomes.record_outcome(db, person, "UCLA3", EXIT, TODAY, [1, 1, 1], TODAY, saved.id)
