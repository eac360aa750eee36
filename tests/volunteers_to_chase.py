"""Volunteers a coordinator would chase, saved through the services in a real database: a DBS
check overdue, one due soon, one fine and one never recorded, with training and hours to match.

Dates count back from `today` (the real today in the screen tests), so that every record is
valid on the day the tests run; `hours_period(today)` is the financial year `today` is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import TrainingRecord, Volunteer, VolunteerHours
from desktop_app.services import sessions, volunteers
from desktop_app.store.database import Database


def days_before(today: date, days: int) -> date:
    return today - timedelta(days=days)


@dataclass(frozen=True)
class Chased:
    overdue: Volunteer  # DBS overdue, Safeguarding expired; hours this year
    due_soon: Volunteer  # DBS due in about 3 weeks, Safeguarding in 10 days; last active long ago
    fine: Volunteer  # DBS fine, training that never expires; a session today without hours
    unrecorded: Volunteer  # no DBS check, no training, no hours
    left: Volunteer  # left a month ago, DBS overdue


def add_volunteers_to_chase(db: Database, today: date) -> Chased:
    def ago(days: int) -> date:
        return days_before(today, days)

    year_start = volunteers.hours_period(today).start
    overdue = volunteers.add_volunteer(
        db,
        Volunteer(
            "Olu Overdue",
            dbs_checked_on=ago(4 * 365),
            training=(
                TrainingRecord("First aid", ago(1000), ago(270)),
                TrainingRecord("First aid", ago(270), ago(-800)),  # renewed
                TrainingRecord("Safeguarding", ago(800), ago(30)),
            ),
        ),
    )
    due_soon = volunteers.add_volunteer(
        db,
        Volunteer(
            "Sam Soon",
            dbs_checked_on=ago(3 * 365 - 20),
            training=(
                TrainingRecord("Safeguarding", ago(700), ago(-10)),
                TrainingRecord("Listening skills", ago(300)),
            ),
        ),
    )
    fine = volunteers.add_volunteer(
        db,
        Volunteer(
            "Fay Fine",
            dbs_checked_on=ago(100),
            training=(TrainingRecord("Listening skills", ago(50)),),
        ),
    )
    unrecorded = volunteers.add_volunteer(db, Volunteer("Nia New"))
    left = volunteers.add_volunteer(
        db, Volunteer("Gil Gone", dbs_checked_on=ago(5 * 365), ended_on=ago(30))
    )
    for who, day, hours in [
        (overdue, today, 3.0),
        (overdue, year_start, 2.5),
        (overdue, year_start - timedelta(days=1), 4.0),  # last financial year
        (due_soon, ago(400), 4.0),
        (fine, year_start, 1.5),
    ]:
        volunteers.record_hours(db, VolunteerHours.of_hours(who.id, day, hours, "Preparation"))
    # Sessions facilitated without hours recorded: one today, one long ago.
    for who, day in [(fine, today), (due_soon, ago(200))]:
        sessions.log_session(
            db, Session(day, "group", facilitator_ids=(who.id,), anonymous_headcount=4)
        )
    return Chased(overdue, due_soon, fine, unrecorded, left)
