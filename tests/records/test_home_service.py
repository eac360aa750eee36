"""Things needing attention on the Home screen."""

from datetime import date

from desktop_app.domain.people import Consent, Person
from desktop_app.domain.safeguarding import Concern
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import TrainingRecord, Volunteer
from desktop_app.services import home, people, safeguarding, sessions, volunteers
from desktop_app.store.database import Database

TODAY = date(2025, 6, 1)


def test_nothing_needs_attention_in_a_new_database(db: Database) -> None:
    assert home.attention(db, TODAY).is_empty


def test_dbs_checks_due_within_60_days_or_overdue(db: Database) -> None:
    for name, checked in [
        ("Due soon", date(2022, 7, 30)),  # due 30 July 2025: within 60 days
        ("Overdue", date(2021, 1, 1)),
        ("Fine", date(2022, 8, 1)),  # due 1 August 2025: 61 days away
        ("Never checked", None),
    ]:
        volunteers.add_volunteer(db, Volunteer(name, dbs_checked_on=checked))
    volunteers.add_volunteer(
        db, Volunteer("Left", dbs_checked_on=date(2020, 1, 1), ended_on=date(2024, 1, 1))
    )
    due = home.attention(db, TODAY).dbs_due
    assert [(d.name, d.due_on) for d in due] == [
        ("Overdue", date(2024, 1, 1)),
        ("Due soon", date(2025, 7, 30)),
    ]


def test_training_due_ignores_renewed_courses(db: Database) -> None:
    volunteers.add_volunteer(
        db,
        Volunteer(
            "Jo",
            training=(
                TrainingRecord("First aid", date(2022, 1, 1), date(2025, 1, 1)),
                TrainingRecord("First aid", date(2025, 1, 1), date(2028, 1, 1)),
                TrainingRecord("Safeguarding", date(2023, 7, 1), date(2025, 7, 1)),
                TrainingRecord("Listening skills", date(2023, 7, 1)),
            ),
        ),
    )
    due = home.attention(db, TODAY).training_due
    assert [(t.name, t.course, t.expires_on) for t in due] == [
        ("Jo", "Safeguarding", date(2025, 7, 1))
    ]


def test_people_without_consent_and_open_concerns(db: Database) -> None:
    consent = Consent(date(2025, 1, 1), "verbal", True, True, False)
    people.add_person(db, Person("With consent", consent=consent))
    waiting = people.add_person(db, Person("Waiting"))
    archived = people.add_person(db, Person("Archived"))
    people.archive_person(db, archived.id)
    one_to_one = sessions.log_session(
        db, Session(date(2025, 5, 1), "one_to_one", attendee_ids=(waiting.id,))
    ).session
    drop_in = sessions.log_session(
        db, Session(date(2025, 5, 2), "drop_in", anonymous_headcount=4)
    ).session
    later = safeguarding.raise_concern(
        db, Concern(date(2025, 5, 4), "self_neglect", "Not eating", person_id=waiting.id)
    ).concern
    concern = safeguarding.raise_concern(
        db,
        Concern(
            date(2025, 5, 1), "self_harm", "Call on Monday", waiting.id, session_id=one_to_one.id
        ),
    ).concern
    safeguarding.raise_concern(
        db,
        Concern(
            date(2025, 5, 2),
            "financial",
            "Passed to the lead",
            session_id=drop_in.id,
            resolved_on=date(2025, 5, 3),
        ),
    )
    attention = home.attention(db, TODAY)
    assert [p.known_as for p in attention.people_without_consent] == ["Waiting"]
    assert attention.people_without_consent_total == 1
    # Open concerns only, the longest open first.
    assert [(c.concern.id, c.concern.what_happened) for c in attention.open_concerns] == [
        (concern.id, "Call on Monday"),
        (later.id, "Not eating"),
    ]
    assert attention.open_concerns[0].session_held_on == date(2025, 5, 1)
    assert attention.open_concerns[0].person_name == "Waiting"


def test_the_last_twelve_months_are_the_figures_a_return_counts(db: Database) -> None:
    """Home's charts and the return read their figures per month from one query."""
    from desktop_app.domain.returns.periods import Period
    from desktop_app.services.returns.build import return_figures

    ana, bo = (people.add_person(db, Person(name)).id for name in ("Ana", "Bo"))
    for held_on, attendees, headcount in [
        (date(2024, 6, 30), (ana,), 0),  # a month too early: not counted
        (date(2024, 7, 1), (ana, bo), 2),
        (date(2024, 7, 20), (ana,), 0),
        (date(2025, 1, 5), (), 3),
        (date(2025, 6, 30), (bo,), 1),
    ]:
        sessions.log_session(
            db, Session(held_on, "drop_in", attendee_ids=attendees, anonymous_headcount=headcount)
        )
    months = home.last_twelve_months(db, TODAY)
    assert [m.month for m in months][:2] == ["2024-07", "2024-08"] and len(months) == 12
    figures = {m.month: (m.sessions, m.attendances, m.people) for m in months if m.sessions}
    assert figures == {"2024-07": (2, 5, 2), "2025-01": (1, 3, 0), "2025-06": (1, 2, 1)}
    assert [(m.registered, m.anonymous) for m in months if m.sessions] == [(3, 2), (0, 3), (1, 1)]
    made = return_figures(db, Period(date(2024, 7, 1), date(2025, 6, 30)))
    assert made.sessions.per_month == {m.month: m.sessions for m in months}
    assert made.attendances.per_month == {m.month: m.attendances for m in months}
