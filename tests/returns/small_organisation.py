"""A small invented organisation, saved through the real services into the encrypted test
database, with distinctive names, references, notes and places planted to prove none leak.

The figures its return should show are worked out by hand in test_build_return.py.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.contact_details import ContactDetails
from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Consent, Person
from desktop_app.domain.safeguarding import Concern, ConcernAction
from desktop_app.domain.sessions import OnwardReferral, Session
from desktop_app.domain.volunteers import TrainingRecord, Volunteer, VolunteerHours
from desktop_app.services import outcomes, people, safeguarding, sessions, settings, volunteers
from desktop_app.store.database import Database

# Every one of these is in the database; none may appear in any format of a return.
PLANTED = [
    "Zebedee Quarrington",
    "Quarrington",
    "Philippa Xanthopoulos",
    "Xanthopoulos",
    "REF-ZQ-771",
    "REF-PX-772",
    "ZZ1",
    "1931",
    "Flat 9 Quince Court",
    "Quince Court Community Room",
    "grief after the flood",
    "Yolanda Fitzwilliam",
    "Ignatius Pemberton",
    "Dr Quentin Blythe",
    "spoke to her daughter",
    "2024-05-15",
    "15 May 2024",
    "07700 900772",
    "900772",
    "philippa.x@example.org",
    "+44 7700 900991",
    "yolanda.f@example.org",
]

# Contact details, kept while Philippa agrees to be contacted; never in a return.
_CONTACT_CONSENT = Consent(date(2024, 4, 1), "written", True, True, False)


def _person(n: int, **fields: object) -> Person:
    defaults: dict[str, object] = {
        "known_as": f"Member {n}",
        "ref": f"M-{n:03d}",
        "gender": "woman" if n <= 7 else "man",
        "ethnic_group": "white_british",
        "disability": "yes" if n <= 5 else "no",
        "referral_source": "self" if n % 2 else "gp_practice",
        "postcode_district": "LS6" if n <= 8 else "LS7",
        "year_of_birth": 1990 if n <= 6 else 1960,
    }
    return Person(**{**defaults, **fields})  # type: ignore[arg-type]


def build_small_organisation(db: Database) -> None:
    p = [
        people.add_person(db, _person(1, known_as="Zebedee Quarrington", ref="REF-ZQ-771")),
        people.add_person(
            db,
            _person(
                2,
                known_as="Philippa Xanthopoulos",
                ref="REF-PX-772",
                notes="Moved to Flat 9 Quince Court; spoke to her daughter.",
                consent=_CONTACT_CONSENT,
                contact=ContactDetails("07700 900772", "philippa.x@example.org", "text_message"),
            ),
        ),
        *[people.add_person(db, _person(n)) for n in range(3, 11)],
        people.add_person(db, _person(11, ethnic_group="white_roma", year_of_birth=1931)),
        people.add_person(
            db,
            _person(12, ethnic_group="white_roma", year_of_birth=None, postcode_district="ZZ1"),
        ),
        people.add_person(db, _person(13)),  # came only before the period
    ]
    ids = [person.id for person in p]
    v1 = volunteers.add_volunteer(
        db,
        Volunteer(
            "Yolanda Fitzwilliam",
            dbs_checked_on=date(2023, 1, 10),
            contact=ContactDetails("+44 7700 900991", "yolanda.f@example.org", "email"),
        ),
    )
    v2 = volunteers.add_volunteer(
        db, Volunteer("Second Volunteer", dbs_checked_on=date(2021, 6, 1))
    )
    v3 = volunteers.add_volunteer(db, Volunteer("Third Volunteer", dbs_checked_on=date(2024, 2, 1)))
    volunteers.add_volunteer(
        db,
        Volunteer("Fourth Volunteer", started_on=date(2020, 1, 6), dbs_checked_on=date(2024, 5, 1)),
    )
    volunteers.add_training(
        db, v1.id, TrainingRecord("Course taught by Ignatius Pemberton", date(2024, 7, 1))
    )
    volunteers.add_training(db, v3.id, TrainingRecord("Listening skills", date(2023, 5, 1)))
    settings.set_volunteer_hourly_rate(db, 10.0)

    def log(held_on: date, kind: str, mode: str, minutes: int, attendees: list[str],
            facilitators: list[str], hours: float | None, **extra: object) -> str:  # fmt: skip
        session = Session(
            held_on, kind, mode, minutes=minutes, attendee_ids=tuple(attendees),
            facilitator_ids=tuple(facilitators), **extra,  # type: ignore[arg-type]
        )  # fmt: skip
        return sessions.log_session(db, session, facilitator_hours=hours).session.id

    log(date(2024, 3, 20), "group", "in_person", 60, [ids[0], ids[1], ids[12]], [v1.id], None)
    log(
        date(2024, 4, 10), "group", "in_person", 120, ids[:8], [v1.id], 2.0,
        venue="Quince Court Community Room", topics=("grief after the flood",),
    )  # fmt: skip
    concerned = log(
        date(2024, 5, 15), "group", "in_person", 90, ids[:12], [v1.id, v2.id], 1.5,
        anonymous_headcount=3,
        notes="Philippa Xanthopoulos mentioned Flat 9 Quince Court",
        onward_referrals=(
            *[OnwardReferral("Citizens Advice", person_id=i) for i in ids[2:7]],
            OnwardReferral("Dr Quentin Blythe clinic", person_id=ids[0]),
        ),
    )  # fmt: skip
    safeguarding.raise_concern(
        db,
        Concern(
            date(2024, 5, 15), "psychological", "Zebedee Quarrington spoke to her daughter",
            session_id=concerned, passed_to="Ignatius Pemberton, safeguarding lead",
            actions=(ConcernAction(date(2024, 5, 16), "Rang Zebedee Quarrington back"),),
        ),
    )  # fmt: skip
    log(date(2024, 6, 20), "one_to_one", "phone", 60, [ids[8]], [v2.id], 1.0)
    log(
        date(2025, 1, 8),
        "drop_in",
        "online",
        90,
        [ids[9], ids[10]],
        [],
        None,
        anonymous_headcount=6,
    )
    log(date(2025, 4, 2), "group", "in_person", 60, ids[:12], [v1.id], 1.0)  # after the period
    volunteers.record_hours(db, VolunteerHours.of_hours(v3.id, date(2024, 9, 1), 3.5, "Outreach"))

    # WEMWBS for five people: three up 14 points, one the same, one down 14.
    for person, before, after in [(0, 2, 3), (1, 2, 3), (2, 2, 3), (3, 3, 3), (4, 3, 2)]:
        outcomes.record_outcome(
            db, ids[person], "WEMWBS", Stage.BASELINE, date(2024, 4, 10), [before] * 14
        )
        outcomes.record_outcome(
            db, ids[person], "WEMWBS", Stage.EXIT, date(2025, 1, 8), [after] * 14
        )
