"""Invented people and volunteers for the demo database. Everything comes from one seeded
random generator, so the same seed and day give the same records, ids included."""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.people import Consent, Person, person_ref
from desktop_app.domain.vocabularies import ETHNIC_GROUP
from desktop_app.domain.volunteers import TrainingRecord, Volunteer, dbs_due_on, volunteer_ref
from desktop_app.services.demo import catalogue as cat


@dataclass(frozen=True)
class DemoShape:
    years: float
    people: int
    volunteers: int
    groups: int  # weekly groups running at once
    drop_ins_per_week: int
    one_to_ones_per_week: int
    mean_active_weeks: int  # how long a person keeps coming, on average
    case_studies: int


SHAPES = {
    "small": DemoShape(1.5, 120, 12, 3, 1, 4, 26, 6),
    "stress": DemoShape(10, 20_000, 200, 102, 30, 64, 80, 300),
}

GENDERS = {"woman": 54, "man": 38, "non_binary": 3, "self_described": 1, "not_stated": 4}
DISABILITY = {"yes": 36, "no": 54, "not_stated": 10}
REFERRALS = {
    "self": 30,
    "gp_practice": 18,
    "social_prescribing": 16,
    "secondary_mental_health": 12,
    "vcse": 10,
    "family_friend": 8,
    "other": 3,
    "not_known": 3,
}
# Roughly an English northern town, with every group present.
ETHNIC_WEIGHTS = {
    "white_british": 52, "white_irish": 2, "white_gypsy_irish_traveller": 1, "white_roma": 1,
    "white_other": 5, "mixed_white_black_caribbean": 2, "mixed_white_black_african": 1,
    "mixed_white_asian": 1, "mixed_other": 1, "asian_indian": 6, "asian_pakistani": 12,
    "asian_bangladeshi": 3, "asian_chinese": 1, "asian_other": 1, "black_caribbean": 2,
    "black_african": 3, "black_other": 1, "other_arab": 1, "other_any": 1, "not_stated": 3,
}  # fmt: skip


class DemoRandom(random.Random):
    def uuid(self) -> str:
        return str(uuid.UUID(int=self.getrandbits(128), version=4))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.randint(0, max((last - first).days, 0)))

    def weighted(self, weights: Mapping[str, float]) -> str:
        return self.choices(list(weights), list(weights.values()))[0]


@dataclass(frozen=True)
class DemoPerson:
    person: Person
    first_contact: date
    active_until: date  # they stop coming after this day
    group: int | None  # the weekly group they belong to, if any


def make_people(rng: DemoRandom, shape: DemoShape, start: date, today: date) -> list[DemoPerson]:
    """People sorted by first contact, so references run in the order people arrived.
    The first twenty cover every ethnic group, so that even the small demo shows them all."""
    codes = list(ETHNIC_GROUP.codes)
    drafts = []
    for i in range(shape.people):
        first = rng.day_between(start, today - timedelta(days=3))
        weeks = rng.randint(4, max(2 * shape.mean_active_weeks - 4, 5))
        group = rng.randrange(shape.groups) if rng.random() < 0.8 else None
        ethnic = codes[i] if i < len(codes) else rng.weighted(ETHNIC_WEIGHTS)
        drafts.append((first, weeks, group, ethnic))
    drafts.sort(key=lambda d: d[0])
    people = []
    for number, (first, weeks, group, ethnic) in enumerate(drafts, start=1):
        person = _person(rng, number, first, ethnic, today)
        until = min(first + timedelta(weeks=weeks), today)
        people.append(DemoPerson(person, first, until, group))
    return people


def _person(rng: DemoRandom, number: int, first: date, ethnic: str, today: date) -> Person:
    consent = None
    if rng.random() < 0.92:
        consent = Consent(
            recorded_on=first,
            method=rng.weighted({"verbal": 45, "written": 40, "online": 15}),
            keep_data=True,
            be_contacted=rng.random() < 0.8,
            share_story=rng.random() < 0.3,
            id=rng.uuid(),
        )
    return Person(
        known_as=f"{rng.choice(cat.FIRST_NAMES)} {rng.choice(cat.INITIALS)}.",
        ref=person_ref(number),
        year_of_birth=today.year - int(rng.triangular(17, 88, 42)),
        gender=rng.weighted(GENDERS),
        ethnic_group=ethnic,
        disability=rng.weighted(DISABILITY),
        postcode_district=rng.choice(cat.DISTRICTS) if rng.random() < 0.9 else "",
        referral_source=rng.weighted(REFERRALS),
        first_contact=first,
        consent=consent,
        notes=rng.choice(cat.PERSON_NOTES),
        id=rng.uuid(),
    )


def make_volunteers(rng: DemoRandom, shape: DemoShape, start: date, today: date) -> list[Volunteer]:
    """Volunteers with DBS checks renewed every three years and training renewed when due.
    The second volunteer's DBS check and the third's first aid fall due within weeks, so the
    Home screen has something to show."""
    volunteers = []
    for number in range(1, shape.volunteers + 1):
        started = rng.day_between(start - timedelta(days=730), today - timedelta(days=60))
        ended = None
        if number > 3 and rng.random() < 0.25:
            ended = rng.day_between(started + timedelta(days=120), today)
        last_day = ended or today
        dbs = _last_renewal(started - timedelta(days=rng.randint(10, 40)), last_day, rng)
        if number == 2:
            dbs = today - timedelta(days=3 * 365 - 20)
        volunteers.append(
            Volunteer(
                name=f"{rng.choice(cat.FIRST_NAMES)} {rng.choice(cat.SURNAMES)}",
                ref=volunteer_ref(number),
                roles=tuple(sorted(rng.sample(cat.ROLES, rng.randint(1, 2)))),
                started_on=started,
                ended_on=ended if ended is None or ended > started else None,
                lived_experience=rng.random() < 0.7,
                dbs_checked_on=dbs,
                training=_training(rng, started, last_day, today, due_soon=number == 3),
                id=rng.uuid(),
            )
        )
    return volunteers


def _last_renewal(first_check: date, last_day: date, rng: DemoRandom) -> date:
    check = first_check
    while dbs_due_on(check) <= last_day and rng.random() < 0.95:
        check = dbs_due_on(check) - timedelta(days=rng.randint(0, 30))
    return min(check, last_day)


def _training(
    rng: DemoRandom, started: date, last_day: date, today: date, due_soon: bool
) -> tuple[TrainingRecord, ...]:
    records = []
    for course, years in cat.COURSES:
        if course != "Safeguarding adults" and not due_soon and rng.random() < 0.2:
            continue
        done = min(started + timedelta(days=rng.randint(0, 60)), today)
        while True:
            expires = done + timedelta(days=365 * years) if years else None
            if due_soon and course == "Mental health first aid" and expires and expires > today:
                expires = today + timedelta(days=40)
            records.append(TrainingRecord(course, done, expires, id=rng.uuid()))
            if expires is None or expires > last_day:
                break
            done = min(expires - timedelta(days=rng.randint(0, 30)), today)
    return tuple(records)
