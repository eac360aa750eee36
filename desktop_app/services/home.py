"""The Home screen: this month at a glance, the last twelve months, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain import attention as grouping
from desktop_app.domain.attention import AttentionGroup
from desktop_app.domain.overview import (
    Attention,
    PeriodFigures,
    month_containing,
    twelve_months_to,
)
from desktop_app.domain.renewals import ATTENTION_WINDOW_DAYS
from desktop_app.domain.returns.figures import MonthCounts
from desktop_app.services import outcomes, people, safeguarding, settings
from desktop_app.services.outcomes import short_measure_names
from desktop_app.services.protection.home_summary import ProtectionAttention, protection_attention
from desktop_app.services.referrals.records import overdue_referrals, overdue_working_days
from desktop_app.store.database import Database
from desktop_app.store.records import overview_queries
from desktop_app.store.returns import queries as return_queries

PEOPLE_WITHOUT_CONSENT_SHOWN = 20
# Home is a to-do list, not a report: the slow checks read the first this many people.
LONGEST_LIST = 20


def month_figures(db: Database, today: date | None = None) -> PeriodFigures:
    """Sessions, attendances, people and volunteer hours in the month of `today`."""
    start, end = month_containing(today or date.today())
    return overview_queries.period_figures(db.connection(), start, end)


def period_figures(db: Database, start: date, end: date) -> PeriodFigures:
    return overview_queries.period_figures(db.connection(), start, end)


def last_twelve_months(db: Database, today: date | None = None) -> list[MonthCounts]:
    """Sessions, attendances and different people who came in each of the twelve months up to
    and including this one: the same figures per month a return counts."""
    start, end = twelve_months_to(today or date.today())
    return return_queries.monthly_counts(db.connection(), start, end)


def attention(db: Database, today: date | None = None) -> Attention:
    """DBS checks and training running out within 60 days (or already), active people with
    no consent recorded, referrals overdue for an answer, and safeguarding concerns not yet
    resolved (those the user may see: a peer support lead, the ones they raised)."""
    day = today or date.today()
    conn = db.connection()
    without_consent, total = overview_queries.people_without_consent(
        conn, PEOPLE_WITHOUT_CONSENT_SHOWN
    )
    return Attention(
        dbs_due=overview_queries.dbs_due(
            conn, day, ATTENTION_WINDOW_DAYS, settings.dbs_renewal_years(db)
        ),
        training_due=overview_queries.training_due(conn, day, ATTENTION_WINDOW_DAYS),
        people_without_consent=without_consent,
        people_without_consent_total=total,
        open_concerns=safeguarding.open_concerns(db),
        overdue_referrals=overdue_referrals(db, day),
        referral_answer_days=overdue_working_days(db),
    )


def attention_groups(db: Database, today: date | None = None) -> list[AttentionGroup]:
    """The quick reminders, grouped and in order (safeguarding first, then what falls due
    first)."""
    day = today or date.today()
    return grouping.attention_groups(attention(db, day), day)


@dataclass(frozen=True)
class SlowChecks:
    """What Home reads on a worker: it reads every outcome and attendance (seconds on ten years
    of records)."""

    reviews: AttentionGroup
    protection: ProtectionAttention

    @property
    def groups(self) -> list[AttentionGroup]:
        p = self.protection
        past = grouping.retention_group(p.past_retention, p.retention_years, LONGEST_LIST)
        return [self.reviews, past]


def slow_checks(db: Database, today: date | None = None) -> SlowChecks:
    """People due a wellbeing review, backups, and people past the retention period."""
    day = today or date.today()
    due = outcomes.people_due_review(db, day)
    shown = list(dict.fromkeys(review.person_id for review in due))[:LONGEST_LIST]
    reviews = grouping.reviews_group(
        due,
        people.people_summaries(db, shown),
        short_measure_names(db),
        outcomes.review_weeks(db),
    )
    return SlowChecks(reviews, protection_attention(db, today))
