"""The Volunteers list: who needs chasing for a DBS check, training or hours, computed in the
real encrypted database and sorted there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop_app.domain.listing import Page, VolunteerFilter, VolunteerSort
from desktop_app.domain.renewals import Renewal, renewal
from desktop_app.domain.volunteers import dbs_due_on
from desktop_app.services import home, settings, volunteers
from desktop_app.store.database import Database
from tests.volunteers_to_chase import Chased, add_volunteers_to_chase, days_before

TODAY = date.today()


@pytest.fixture
def chased(db: Database) -> Chased:
    return add_volunteers_to_chase(db, TODAY)


def names(db: Database, f: VolunteerFilter) -> list[str]:
    return [row.name for row in volunteers.list_volunteer_rows(db, f, today=TODAY).rows]


def test_renewal_is_due_within_60_days_or_overdue() -> None:
    today = date(2025, 6, 1)
    assert renewal(None, today) is Renewal.NOT_RECORDED
    assert renewal(date(2025, 5, 31), today) is Renewal.OVERDUE
    assert renewal(today, today) is Renewal.DUE_SOON
    assert renewal(today + timedelta(days=60), today) is Renewal.DUE_SOON
    assert renewal(today + timedelta(days=61), today) is Renewal.IN_DATE


def test_statuses_hours_and_last_active(db: Database, chased: Chased) -> None:
    page = volunteers.list_volunteer_rows(db, today=TODAY)
    rows = {row.name: row for row in page.rows}
    assert page.total == 4 and list(rows) == ["Fay Fine", "Nia New", "Olu Overdue", "Sam Soon"]

    olu, sam, fay, nia = (rows[n] for n in ("Olu Overdue", "Sam Soon", "Fay Fine", "Nia New"))
    assert olu.dbs is Renewal.OVERDUE
    assert olu.dbs_due_on == dbs_due_on(days_before(TODAY, 4 * 365))
    assert sam.dbs is Renewal.DUE_SOON and sam.dbs_due_on is not None
    assert 19 <= (sam.dbs_due_on - TODAY).days <= 21
    assert fay.dbs is Renewal.IN_DATE
    assert nia.dbs is Renewal.NOT_RECORDED and nia.dbs_due_on is None

    # The renewed First aid does not count; the expired Safeguarding does.
    assert olu.training.renewal is Renewal.OVERDUE
    assert (olu.training.courses, olu.training.due) == (2, 1)
    assert olu.training.next_course == "Safeguarding"
    assert olu.training.next_expiry == days_before(TODAY, 30)
    assert sam.training.renewal is Renewal.DUE_SOON
    assert (sam.training.next_course, sam.training.courses) == ("Safeguarding", 2)
    assert fay.training.renewal is Renewal.IN_DATE and fay.training.next_expiry is None
    assert nia.training.renewal is Renewal.NOT_RECORDED and nia.training.courses == 0

    # Hours this financial year only; last active from hours or sessions facilitated.
    assert (olu.hours, olu.last_active_on) == (5.5, TODAY)
    assert (sam.hours, sam.last_active_on) == (0.0, days_before(TODAY, 200))
    assert (fay.hours, fay.last_active_on) == (1.5, TODAY)
    assert (nia.hours, nia.last_active_on) == (0.0, None)
    assert all(row.active for row in rows.values())


def test_the_list_agrees_with_home(db: Database, chased: Chased) -> None:
    rows = volunteers.list_volunteer_rows(db, today=TODAY).rows
    attention = home.attention(db, TODAY)
    dbs_due = {r.id: r.dbs_due_on for r in rows if r.dbs in (Renewal.OVERDUE, Renewal.DUE_SOON)}
    assert dbs_due == {d.volunteer_id: d.due_on for d in attention.dbs_due}
    training = {r.id for r in rows if r.training.due}
    assert training == {t.volunteer_id for t in attention.training_due}


def test_dbs_renewal_follows_the_setting(db: Database, chased: Chased) -> None:
    settings.set_dbs_renewal_years(db, 5)
    rows = {r.name: r for r in volunteers.list_volunteer_rows(db, today=TODAY).rows}
    olu = rows["Olu Overdue"]  # checked 4 years ago: due next year
    assert olu.dbs is Renewal.IN_DATE
    assert olu.dbs_due_on == dbs_due_on(days_before(TODAY, 4 * 365), 5)
    assert rows["Sam Soon"].dbs is Renewal.IN_DATE


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Fay Fine", "Nia New", "Olu Overdue", "Sam Soon"]),
        ("dbs", ["Nia New", "Olu Overdue", "Sam Soon", "Fay Fine"]),
        ("training", ["Nia New", "Olu Overdue", "Sam Soon", "Fay Fine"]),
        ("hours", ["Nia New", "Sam Soon", "Fay Fine", "Olu Overdue"]),
        ("last_active", ["Nia New", "Sam Soon", "Fay Fine", "Olu Overdue"]),
    ],
)
def test_sorting_puts_those_to_chase_first(
    db: Database, chased: Chased, sort: VolunteerSort, expected: list[str]
) -> None:
    assert names(db, VolunteerFilter(sort=sort)) == expected
    assert names(db, VolunteerFilter(sort=sort, descending=True)) == expected[::-1]


def test_filters_and_pages(db: Database, chased: Chased) -> None:
    everyone = VolunteerFilter(include_ended=True, sort="dbs")
    *current, left = volunteers.list_volunteer_rows(db, everyone, today=TODAY).rows
    assert [r.name for r in current] == ["Nia New", "Olu Overdue", "Sam Soon", "Fay Fine"]
    assert (left.name, left.active, left.dbs) == ("Gil Gone", False, Renewal.OVERDUE)
    reversed_ = replace(everyone, descending=True)
    assert names(db, reversed_) == ["Fay Fine", "Sam Soon", "Olu Overdue", "Nia New", "Gil Gone"]
    assert names(db, VolunteerFilter(text="  soon ")) == ["Sam Soon"]
    assert names(db, VolunteerFilter(text=chased.fine.ref)) == ["Fay Fine"]
    assert names(db, VolunteerFilter(text="100%")) == []
    second = volunteers.list_volunteer_rows(db, everyone, Page(2, 2), TODAY)
    assert second.total == 5
    assert [r.name for r in second.rows] == ["Sam Soon", "Fay Fine"]
