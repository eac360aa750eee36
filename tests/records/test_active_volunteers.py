"""Who counts as an active volunteer (store/records/volunteers_repo.py `active_volunteer`): the
picker, the Volunteers list and Home's reminders all agree, on the very day someone leaves."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.domain.listing import VolunteerFilter
from desktop_app.domain.volunteers import TrainingRecord, Volunteer
from desktop_app.services import home, volunteers
from desktop_app.store.database import Database
from desktop_app.store.records import volunteers_repo

TODAY = date(2025, 6, 1)
ACTIVE = ["Leaves today", "Leaves tomorrow", "Stays"]


def test_every_list_agrees_who_is_active(db: Database) -> None:
    ids = {}
    for name, ended_on in [
        ("Left yesterday", TODAY - timedelta(days=1)),
        ("Leaves today", TODAY),
        ("Leaves tomorrow", TODAY + timedelta(days=1)),
        ("Stays", None),
    ]:
        volunteer = Volunteer(
            name,
            started_on=date(2020, 1, 1),
            ended_on=ended_on,
            dbs_checked_on=date(2020, 1, 1),  # overdue
            training=(TrainingRecord("First aid", date(2022, 1, 1), date(2025, 1, 1)),),
        )
        ids[name] = volunteers.add_volunteer(db, volunteer).id
    conn = db.connection()

    picker = volunteers_repo.list_volunteers(conn, TODAY)
    assert [v.name for v in picker] == ACTIVE
    everyone = volunteers_repo.list_volunteers(conn, TODAY, include_ended=True)
    assert [v.name for v in everyone if v.active] == ACTIVE
    summaries = volunteers_repo.volunteer_summaries(conn, list(ids.values()), TODAY)
    assert [v.name for v in summaries if v.active] == ACTIVE

    rows = volunteers.list_volunteer_rows(db, VolunteerFilter(), today=TODAY).rows
    assert [r.name for r in rows] == ACTIVE
    all_rows = volunteers.list_volunteer_rows(db, VolunteerFilter(include_ended=True), today=TODAY)
    assert sorted(r.name for r in all_rows.rows if r.active) == ACTIVE

    attention = home.attention(db, TODAY)
    assert sorted(d.name for d in attention.dbs_due) == ACTIVE
    assert sorted(t.name for t in attention.training_due) == ACTIVE
