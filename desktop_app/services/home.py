"""The Home screen: this month at a glance, and what needs attention."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.overview import Attention, PeriodFigures, month_containing
from desktop_app.domain.renewals import ATTENTION_WINDOW_DAYS
from desktop_app.services import safeguarding, settings
from desktop_app.services.referrals.records import overdue_referrals
from desktop_app.store.database import Database
from desktop_app.store.records import overview_queries

PEOPLE_WITHOUT_CONSENT_SHOWN = 20


def month_figures(db: Database, today: date | None = None) -> PeriodFigures:
    """Sessions, attendances, people and volunteer hours in the month of `today`."""
    start, end = month_containing(today or date.today())
    return overview_queries.period_figures(db.connection(), start, end)


def period_figures(db: Database, start: date, end: date) -> PeriodFigures:
    return overview_queries.period_figures(db.connection(), start, end)


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
    )
