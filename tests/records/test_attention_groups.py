"""Home's "Needs attention" in groups: safeguarding first, then what falls due first, each group
counted and earliest due first (domain/attention.py, no database)."""

from datetime import date

import pytest

from desktop_app.domain.attention import (
    AttentionItem,
    Opens,
    answer_due_on,
    attention_groups,
    group,
    in_order,
    retention_group,
    reviews_group,
)
from desktop_app.domain.outcomes.change import ReviewDue
from desktop_app.domain.overview import Attention, DbsDue, TrainingDue
from desktop_app.domain.people import PersonSummary
from desktop_app.domain.protection.retention import PastRetention
from desktop_app.domain.referrals.pipeline import Progress, ReferralRow
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.safeguarding import Concern, ConcernRow

TODAY = date(2025, 6, 2)  # a Monday


def item(day: date | None, label: str = "x") -> AttentionItem:
    return AttentionItem(day, label)


def nothing(**changes: object) -> Attention:
    fields: dict[str, object] = {
        "dbs_due": [],
        "training_due": [],
        "people_without_consent": [],
        "people_without_consent_total": 0,
        "open_concerns": [],
    }
    return Attention(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_group_puts_the_earliest_due_first_and_undated_last() -> None:
    g = group("dbs", [item(date(2025, 7, 1), "b"), item(None, "c"), item(date(2025, 5, 1), "a")])
    assert [i.label for i in g.items] == ["a", "b", "c"]
    assert g.earliest == date(2025, 5, 1)
    assert g.heading == "DBS checks due (3)"


def test_a_group_counts_what_was_not_read() -> None:
    g = group("consent", [item(None)] * 20, 1234)
    assert (g.total, g.not_read, g.heading) == (1234, 1214, "No consent recorded (1,234)")
    assert group("consent", [item(None)] * 3, 1).total == 3, "never fewer than it holds"


def test_an_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown attention group"):
        group("parking", [])


def test_safeguarding_comes_first_even_when_others_fell_due_earlier() -> None:
    groups = in_order(
        [
            group("training", [item(date(2025, 6, 20))]),
            group("dbs", [item(date(2024, 1, 1))]),
            group("consent", [item(None)]),
            group("safeguarding", [item(date(2025, 5, 30))]),
            group("referrals", [item(date(2025, 3, 1))]),
            group("reviews", []),
        ]
    )
    assert [g.key for g in groups] == ["safeguarding", "dbs", "referrals", "training", "consent"]


def test_groups_due_the_same_day_keep_the_usual_order() -> None:
    day = date(2025, 6, 1)
    groups = in_order([group("training", [item(day)]), group("dbs", [item(day)])])
    assert [g.key for g in groups] == ["dbs", "training"]


def test_a_referral_is_due_an_answer_after_the_set_working_days() -> None:
    friday = date(2025, 5, 30)
    assert answer_due_on(friday, 5) == date(2025, 6, 9), "waited 5 working days on Friday 6th"
    # from Monday 19 May: 26 May is a bank holiday, so the fifth working day is Tuesday 27th
    assert answer_due_on(date(2025, 5, 19), 5) == date(2025, 5, 28)


def test_the_quick_reminders_grouped_with_lines_that_open_their_records() -> None:
    referral = Referral("person-1", date(2025, 5, 1), "gp", id="ref-1")
    attention = nothing(
        dbs_due=[
            DbsDue("v2", "Sam", date(2022, 7, 1), date(2025, 7, 1)),
            DbsDue("v1", "Ali", date(2022, 1, 1), date(2025, 1, 1)),
        ],
        training_due=[TrainingDue("v3", "Jo", "First aid", date(2025, 6, 10))],
        people_without_consent=[PersonSummary("p1", "P-0001", "Amara K.", False)],
        people_without_consent_total=7,
        open_concerns=[
            ConcernRow(
                Concern(date(2025, 5, 20), "self_neglect", person_id="p3", id="c1"),
                person_name="Cal D.",
                person_ref="P-0003",
            )
        ],
        overdue_referrals=[ReferralRow(Progress(referral, None, None, 0), "P-0002", "Ben T.")],
    )
    groups = attention_groups(attention, TODAY)
    assert [g.heading for g in groups] == [
        "Safeguarding concerns not yet resolved (1)",
        "DBS checks due (2)",
        "Referrals waiting too long for an answer (1)",
        "Training running out (1)",
        "No consent recorded (7)",
    ]
    concerns, dbs, referrals, training, consent = groups
    assert concerns.items[0].label == "Self-neglect, Cal D. (P-0003), raised 20 May 2025"
    assert concerns.items[0].opens == Opens("concern", "c1")
    assert [i.label for i in dbs.items] == [
        "Ali: renewal overdue since 1 January 2025",
        "Sam: renewal due 1 July 2025",
    ]
    assert dbs.items[0].opens == Opens("volunteer", "v1")
    assert referrals.items[0].label == "Ben T. (P-0002): waiting 20 working days"
    assert referrals.items[0].due_on == date(2025, 5, 12)
    assert referrals.items[0].opens == Opens("referral", "ref-1")
    assert training.items[0].label == "Jo: First aid runs out on 10 June 2025"
    assert consent.items[0].opens == Opens("person", "p1")


def test_safeguarding_lines_can_come_from_any_record_of_concerns() -> None:
    """The safeguarding group takes plain dated lines, whatever keeps the concerns."""
    logged = [AttentionItem(date(2025, 6, 1), "Self-harm: Amara K.", Opens("person", "p1"))]
    (concerns,) = attention_groups(nothing(), TODAY, concerns=logged)
    assert concerns.key == "safeguarding" and concerns.items == tuple(logged)


def test_nothing_due_makes_no_groups() -> None:
    assert attention_groups(nothing(), TODAY) == []


def test_reviews_due_one_line_a_person_dated_by_the_review_interval() -> None:
    due = [
        ReviewDue("p1", "SWEMWBS", date(2025, 1, 6), 21),
        ReviewDue("p1", "ONS4", date(2025, 2, 3), 17),
        ReviewDue("p2", "SWEMWBS", date(2024, 12, 2), 26),
        ReviewDue("p3", "SWEMWBS", date(2024, 12, 2), 26),
    ]
    summaries = [PersonSummary("p1", "P-1", "Ana", False), PersonSummary("p2", "P-2", "Bo", False)]
    g = reviews_group(due, summaries, {"SWEMWBS": "SWEMWBS", "ONS4": "ONS4"}, 12)
    assert g.heading == "Wellbeing reviews due (3)", "everyone counted, two read"
    assert [(i.label, i.due_on) for i in g.items] == [
        ("Bo (P-2): SWEMWBS (baseline 26 weeks ago)", date(2025, 2, 24)),
        ("Ana (P-1): SWEMWBS, ONS4 (baseline 21 weeks ago)", date(2025, 3, 31)),
    ]


def test_past_retention_dated_by_when_the_period_ran_out() -> None:
    past = [PastRetention(f"p{n}", f"P-{n}", f"Person {n}", date(2016, 2, 29)) for n in range(3)]
    g = retention_group(past, 6, shown=2)
    assert (g.total, len(g.items)) == (3, 2)
    assert g.items[0].due_on == date(2022, 2, 28)
    assert g.items[0].label == "Person 0 (P-0), last contact 29 February 2016"
