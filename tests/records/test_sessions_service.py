"""Logging, editing, deleting and listing sessions against the real encrypted database."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest
import sqlcipher3

from desktop_app.domain.listing import Page, SessionFilter
from desktop_app.domain.people import Person
from desktop_app.domain.sessions import OnwardReferral, Session, facilitator_missing
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import home, people, sessions, volunteers
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import RecordNotFound

LAST_MONTH = date(2025, 3, 4)  # a fixed, past date


def weekly_group(regulars: list[Person], facilitator: Volunteer, **changes: object) -> Session:
    session = Session(
        held_on=LAST_MONTH,
        kind="group",
        starts_at=time(10, 30),
        minutes=120,
        venue="St Mark's Hall",
        facilitator_ids=(facilitator.id,),
        attendee_ids=tuple(p.id for p in regulars),
        topics=("Sleep", "Benefits"),
    )
    return replace(session, **changes)  # type: ignore[arg-type]


def table_counts(db: Database) -> dict[str, int]:
    conn = db.connection()
    tables = ["people", "sessions", "attendances", "session_facilitators", "volunteer_hours"]
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_log_a_group_with_a_new_person_and_hours(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    newcomer = Person("Esi N.")
    logged = sessions.log_session(
        db, weekly_group(regulars, facilitator), new_people=[newcomer], facilitator_hours=2.5
    )
    assert logged.new_people[0].ref == "P-0005"
    assert newcomer.id in logged.session.attendee_ids
    assert len(logged.session.attendee_ids) == 5
    assert logged.session.topics == ("Sleep", "Benefits")
    assert logged.session.starts_at == time(10, 30)
    (hours,) = logged.hours
    assert (hours.volunteer_id, hours.hours, hours.session_id) == (
        facilitator.id,
        2.5,
        logged.session.id,
    )
    detail = sessions.session_detail(db, logged.session.id)
    assert [p.known_as for p in detail.attendees] == [
        "Amara K.",
        "Ben T.",
        "Chidi O.",
        "Dorota W.",
        "Esi N.",
    ]
    assert [v.name for v in detail.facilitators] == ["Jo Facilitator"]
    assert volunteers.total_hours(db, facilitator.id) == 2.5


def test_facilitators_added_by_name_while_logging_on_a_new_database(
    db: Database, regulars: list[Person]
) -> None:
    session = weekly_group(regulars[:1], Volunteer("unused"), facilitator_ids=())
    logged = sessions.log_session(
        db,
        session,
        facilitator_hours=2,
        new_facilitators=[Volunteer("  Jo   Bloggs "), Volunteer("Sam Reyes")],
    )
    detail = sessions.session_detail(db, logged.session.id)
    assert [(v.name, v.ref) for v in detail.facilitators] == [
        ("Jo Bloggs", "V-0001"),
        ("Sam Reyes", "V-0002"),
    ]
    assert [h.hours for h in logged.hours] == [2, 2]
    assert [v.name for v in volunteers.list_volunteers(db)] == ["Jo Bloggs", "Sam Reyes"]
    counts = table_counts(db)
    with pytest.raises(ValidationFailed, match="name") as refused:
        sessions.log_session(db, session, new_facilitators=[Volunteer("Ali"), Volunteer(" ")])
    assert [p.field for p in refused.value.problems] == ["new_facilitators.name"]
    assert table_counts(db) == counts and len(volunteers.list_volunteers(db)) == 2
    updated = sessions.update_session(db, logged.session, new_facilitators=[Volunteer("Kim Lee")])
    facilitators = sessions.session_detail(db, updated.id).facilitators
    assert sorted(v.name for v in facilitators) == ["Jo Bloggs", "Kim Lee", "Sam Reyes"]


def test_invalid_session_writes_nothing(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    before = table_counts(db)
    one_to_one = weekly_group(regulars, facilitator, kind="one_to_one")
    with pytest.raises(ValidationFailed) as caught:
        sessions.log_session(
            db, one_to_one, new_people=[Person("", year_of_birth=2099)], facilitator_hours=30
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "attendee_ids",
        "new_people.known_as",
        "new_people.year_of_birth",
        "facilitator_hours",
    }
    assert table_counts(db) == before


def test_unknown_attendee_after_new_people_rolls_back_everything(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    before = table_counts(db)
    session = weekly_group(regulars, facilitator, attendee_ids=("no-such-person",))
    with pytest.raises(RecordNotFound):
        sessions.log_session(db, session, new_people=[Person("Esi N.")])
    assert table_counts(db) == before


def test_failure_in_the_last_step_rolls_back_everything(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    db.connection().execute(
        "CREATE TEMP TRIGGER hours_fail BEFORE INSERT ON volunteer_hours "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    before = table_counts(db)
    with pytest.raises(sqlcipher3.DatabaseError, match="simulated failure"):
        sessions.log_session(
            db, weekly_group(regulars, facilitator), [Person("Esi")], facilitator_hours=2
        )
    assert table_counts(db) == before


def test_edit_replaces_attendees_and_keeps_referral_identity(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    referral = OnwardReferral("Citizens Advice", person_id=regulars[0].id)
    logged = sessions.log_session(
        db, weekly_group(regulars, facilitator, onward_referrals=(referral,))
    ).session
    edited = sessions.update_session(
        db,
        replace(
            logged,
            attendee_ids=(regulars[0].id,),
            anonymous_headcount=3,
            notes="Spoke to the lead",
        ),
    )
    assert edited.attendee_ids == (regulars[0].id,)
    assert edited.attendance == 4
    assert edited.created_at == logged.created_at
    assert edited.onward_referrals[0].id == referral.id
    assert edited.onward_referrals[0].created_at == logged.onward_referrals[0].created_at
    with pytest.raises(ValidationFailed):
        sessions.update_session(db, replace(edited, minutes=-5))
    assert sessions.get_session(db, logged.id).minutes == 120


def test_delete_session_takes_attendance_and_its_hours(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    before = table_counts(db)
    logged = sessions.log_session(db, weekly_group(regulars, facilitator), facilitator_hours=2)
    sessions.delete_session(db, logged.session.id)
    assert table_counts(db) == before
    with pytest.raises(RecordNotFound):
        sessions.get_session(db, logged.session.id)


def test_deleting_a_person_removes_their_attendance_only(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    logged = sessions.log_session(db, weekly_group(regulars, facilitator)).session
    people.delete_person(db, regulars[0].id)
    assert sessions.get_session(db, logged.id).attendee_ids == tuple(p.id for p in regulars[1:])


def test_last_session_defaults_follow_the_latest_of_that_kind(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    assert sessions.last_session_defaults(db, "group") is None
    sessions.log_session(db, weekly_group(regulars, facilitator, venue="Old Library"))
    later = LAST_MONTH + timedelta(days=7)
    sessions.log_session(db, weekly_group(regulars[:2], facilitator, held_on=later))
    sessions.log_session(
        db,
        weekly_group(regulars[:1], facilitator, held_on=later, kind="one_to_one", venue="Cafe"),
    )
    defaults = sessions.last_session_defaults(db, "group")
    assert defaults is not None
    assert defaults.venue == "St Mark's Hall"
    assert defaults.facilitator_ids == (facilitator.id,)
    assert defaults.attendee_ids == (regulars[0].id, regulars[1].id)
    assert defaults.starts_at == time(10, 30) and defaults.minutes == 120


def log_many(db: Database, regulars: list[Person], facilitator: Volunteer) -> None:
    for week in range(30):
        sessions.log_session(
            db,
            weekly_group(
                regulars[: 1 + week % 4],
                facilitator,
                held_on=date(2024, 1, 2) + timedelta(weeks=week),
                venue="Hall" if week % 3 else "Library",
                kind="group" if week % 5 else "drop_in",
                notes="Talked about gardening" if week == 7 else "",
            ),
        )


def test_list_sessions_pages_newest_first(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    log_many(db, regulars, facilitator)
    pages = [sessions.list_sessions(db, page=Page(limit=12, offset=o)) for o in (0, 12, 24)]
    dates = [row.held_on for page in pages for row in page.rows]
    assert [page.total for page in pages] == [30, 30, 30]
    assert len(dates) == 30 and dates == sorted(dates, reverse=True)
    assert pages[0].rows[0].facilitators == "Jo Facilitator"


def test_list_sessions_filters(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    log_many(db, regulars, facilitator)
    january = SessionFilter(start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert sessions.list_sessions(db, january).total == 5
    assert sessions.list_sessions(db, SessionFilter(kind="drop_in")).total == 6
    assert sessions.list_sessions(db, SessionFilter(venue="library")).total == 10
    found = sessions.list_sessions(db, SessionFilter(text="garden"))
    assert [r.held_on for r in found.rows] == [date(2024, 1, 2) + timedelta(weeks=7)]
    assert sessions.venues(db) == ["Hall", "Library"]


def test_list_sessions_sorts_by_attendance(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    log_many(db, regulars, facilitator)
    rows = sessions.list_sessions(db, SessionFilter(sort="attendance")).rows
    assert [r.attendance for r in rows] == sorted((r.attendance for r in rows), reverse=True)
    assert rows[0].registered == 4


def test_home_figures_for_the_month(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    sessions.log_session(db, weekly_group(regulars, facilitator), facilitator_hours=2)
    sessions.log_session(
        db,
        weekly_group(
            regulars[:2],
            facilitator,
            kind="drop_in",
            anonymous_headcount=5,
            held_on=LAST_MONTH + timedelta(days=1),
        ),
        facilitator_hours=1.5,
    )
    sessions.log_session(db, weekly_group(regulars, facilitator, held_on=date(2025, 2, 25)))
    figures = home.month_figures(db, LAST_MONTH)
    assert (figures.start, figures.end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert figures.sessions == 2
    assert figures.registered_attendances == 6
    assert figures.anonymous_headcount == 5
    assert figures.attendances == 11
    assert figures.people == 4
    assert figures.volunteer_hours == 3.5


def test_erasing_a_referred_person_keeps_the_referral_without_them(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    referral = OnwardReferral("Food bank", person_id=regulars[1].id)
    logged = sessions.log_session(
        db, weekly_group(regulars, facilitator, onward_referrals=(referral,))
    ).session
    people.delete_person(db, regulars[1].id)
    (kept,) = sessions.get_session(db, logged.id).onward_referrals
    assert (kept.id, kept.destination, kept.person_id) == (referral.id, "Food bank", None)


def test_edit_can_add_new_people_in_the_same_transaction(
    db: Database, regulars: list[Person], facilitator: Volunteer
) -> None:
    logged = sessions.log_session(db, weekly_group(regulars, facilitator)).session
    edited = sessions.update_session(db, logged, [Person("Esi Newcomer")])
    (esi,) = people.find_people(db, "Esi Newcomer")
    assert edited.attendee_ids == (*logged.attendee_ids, esi.id)
    assert esi.ref, "given a reference like anyone added while logging"
    before = table_counts(db)
    with pytest.raises(ValidationFailed):  # a bad session: the new person is not added either
        sessions.update_session(db, replace(edited, minutes=-5), [Person("Kofi Late")])
    assert table_counts(db) == before
    assert people.find_people(db, "Kofi Late") == []


def test_group_and_one_to_one_sessions_are_led_by_someone_drop_ins_need_not_be() -> None:
    led = Session(held_on=LAST_MONTH, kind="group", facilitator_ids=("v1",))
    assert not facilitator_missing(led)
    assert facilitator_missing(replace(led, facilitator_ids=()))
    assert facilitator_missing(replace(led, kind="one_to_one", facilitator_ids=()))
    assert not facilitator_missing(replace(led, kind="drop_in", facilitator_ids=()))
