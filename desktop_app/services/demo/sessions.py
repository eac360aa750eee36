"""Invented sessions for the demo database: weekly groups with their regulars, drop-ins with a
headcount, one-to-ones, facilitators' hours, a few safeguarding concerns and referrals.

Made week by week and handed out a month at a time, so even the stress size (100,000 sessions)
never sits in memory whole.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.safeguarding import Concern
from desktop_app.domain.sessions import OnwardReferral, Session
from desktop_app.domain.volunteers import FACILITATING, Volunteer, VolunteerHours
from desktop_app.services.demo import catalogue as cat
from desktop_app.services.demo.people import DemoPerson, DemoRandom, DemoShape
from desktop_app.services.demo.safeguarding import concern_at

SKIPPED_WEEKS = 0.04  # bank holidays, snow, a poorly facilitator
ATTENDS = 0.8  # chance a current member comes to a given week's group
CONCERNS = 0.012
REFERRALS = 0.05
SUPERVISION_MINUTES = 90
ONLINE = "Online (video call)"


@dataclass(frozen=True)
class Slot:
    """A session that recurs every week."""

    kind: str
    weekday: int
    starts_at: time
    minutes: int
    mode: str
    venue: str
    leads: tuple[int, ...]  # the volunteers (by index) who usually facilitate it


@dataclass
class DemoMonth:
    first_day: date
    sessions: list[Session] = field(default_factory=list)
    hours: list[VolunteerHours] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)


def make_slots(rng: DemoRandom, shape: DemoShape) -> tuple[list[Slot], list[Slot]]:
    """The weekly groups and the weekly drop-ins."""
    groups = []
    for g in range(shape.groups):
        online = rng.random() < 0.15
        groups.append(
            Slot(
                kind="group",
                weekday=g % 5,
                starts_at=rng.choice((time(10), time(10, 30), time(13, 30), time(18, 30))),
                minutes=rng.choice((90, 120)),
                mode="online" if online else "in_person",
                venue=ONLINE if online else _venue(rng),
                leads=tuple(rng.sample(range(shape.volunteers), min(3, shape.volunteers))),
            )
        )
    drop_ins = [
        Slot(
            "drop_in",
            rng.randrange(5),
            rng.choice((time(11), time(13))),
            180,
            "in_person",
            _venue(rng),
            tuple(rng.sample(range(shape.volunteers), min(2, shape.volunteers))),
        )
        for _ in range(shape.drop_ins_per_week)
    ]
    return groups, drop_ins


def _venue(rng: DemoRandom) -> str:
    return f"{rng.choice(cat.PLACES)} {rng.choice(cat.BUILDINGS)}"


class SessionMaker:
    def __init__(
        self,
        rng: DemoRandom,
        shape: DemoShape,
        people: list[DemoPerson],
        volunteers: list[Volunteer],
        start: date,
        today: date,
    ) -> None:
        self.rng = rng
        self.shape = shape
        self.people = people
        self.volunteers = volunteers
        self.start = start
        self.today = today
        self.groups, self.drop_ins = make_slots(rng, shape)
        self.one_to_one_venues = [_venue(rng) for _ in range(max(2, shape.groups // 4))]
        self._concerns: dict[str, list[Concern]] = {}  # by the id of the session raised at

    def months(self) -> Iterator[DemoMonth]:
        month = DemoMonth(self.start.replace(day=1))
        pool: list[DemoPerson] = []
        arrived = 0
        week = self.start - timedelta(days=self.start.weekday())
        while week <= self.today:
            next_week = week + timedelta(days=7)
            while arrived < len(self.people) and self.people[arrived].first_contact < next_week:
                pool.append(self.people[arrived])
                arrived += 1
            pool = [p for p in pool if p.active_until >= week]
            for day, session, hours in sorted(self._week(week, pool), key=lambda s: s[0]):
                if day.replace(day=1) != month.first_day:
                    yield month
                    month = DemoMonth(day.replace(day=1))
                if session is not None:
                    month.sessions.append(session)
                    month.concerns += self._concerns.pop(session.id, [])
                month.hours += hours
            week = next_week
        yield self._with_an_open_concern(month)

    def _week(
        self, week: date, pool: list[DemoPerson]
    ) -> Iterator[tuple[date, Session | None, list[VolunteerHours]]]:
        rng = self.rng
        active = [i for i, v in enumerate(self.volunteers) if _active(v, week)]
        members: dict[int, list[DemoPerson]] = defaultdict(list)
        for p in pool:
            if p.group is not None:
                members[p.group].append(p)
        firsts = [p.first_contact for p in pool]
        for g, slot in enumerate(self.groups):
            day = week + timedelta(days=slot.weekday)
            if day <= self.today and rng.random() >= SKIPPED_WEEKS:
                came = tuple(
                    p.person.id
                    for p in members[g]
                    if p.first_contact <= day and rng.random() < ATTENDS
                )
                headcount = rng.choice((0, 0, 0, 0, 1, 2)) or (0 if came else 1)
                yield self._session(slot, day, came, headcount, active)
        for slot in self.drop_ins:
            day = week + timedelta(days=slot.weekday)
            if day <= self.today:
                arrived = pool[: bisect_right(firsts, day)]
                dropped_in = rng.sample(arrived, min(len(arrived), rng.randint(0, 10)))
                attendees = tuple(p.person.id for p in dropped_in)
                yield self._session(slot, day, attendees, rng.randint(2, 12), active)
        for _ in range(self.shape.one_to_ones_per_week):
            day = week + timedelta(days=rng.randrange(5))
            known = bisect_right(firsts, day)
            if day <= self.today and known and active:
                person = pool[rng.randrange(known)].person.id
                yield self._session(self._one_to_one_slot(active), day, (person,), 0, active)
        supervision = week + timedelta(days=1)
        if supervision.day <= 7 and supervision <= self.today:
            hours = [
                VolunteerHours(
                    self.volunteers[i].id,
                    supervision,
                    SUPERVISION_MINUTES,
                    "Supervision",
                    id=rng.uuid(),
                )
                for i in active
            ]
            yield supervision, None, hours

    def _one_to_one_slot(self, active: list[int]) -> Slot:
        rng = self.rng
        mode = rng.choices(("in_person", "phone", "online"), (50, 35, 15))[0]
        venue = rng.choice(self.one_to_one_venues) if mode == "in_person" else ""
        at = time(rng.randint(10, 16), rng.choice((0, 30)))
        return Slot("one_to_one", 0, at, rng.choice((45, 60)), mode, venue, (rng.choice(active),))

    def _session(
        self,
        slot: Slot,
        day: date,
        attendees: tuple[str, ...],
        headcount: int,
        active: list[int],
    ) -> tuple[date, Session, list[VolunteerHours]]:
        rng = self.rng
        leads = [i for i in slot.leads if i in active][:2]
        if not leads and active:
            leads = [rng.choice(active)]
        facilitators = tuple(self.volunteers[i].id for i in leads)
        concern = rng.random() < CONCERNS
        resolved = None
        if concern and day < self.today - timedelta(days=21):
            resolved = day + timedelta(days=rng.randint(1, 14))
        referrals: tuple[OnwardReferral, ...] = ()
        if attendees and rng.random() < REFERRALS:
            destination = rng.choice(cat.REFERRAL_DESTINATIONS)
            referrals = (OnwardReferral(destination, rng.choice(attendees), id=rng.uuid()),)
        topic_count = {"group": rng.randint(1, 2), "one_to_one": 1}.get(slot.kind, 0)
        topics = tuple(rng.sample(cat.TOPICS, topic_count))
        notes = rng.choice(cat.SESSION_NOTES)
        follow_up = rng.choice(cat.SAFEGUARDING_FOLLOW_UPS) if concern else ""
        session = Session(
            held_on=day,
            kind=slot.kind,
            mode=slot.mode,
            starts_at=slot.starts_at,
            minutes=slot.minutes,
            venue=slot.venue,
            facilitator_ids=facilitators,
            attendee_ids=attendees,
            anonymous_headcount=headcount,
            topics=topics,
            notes=notes,
            onward_referrals=referrals,
            id=rng.uuid(),
        )
        if follow_up:
            self._concerns[session.id] = [concern_at(session, follow_up, resolved)]
        minutes = slot.minutes + 30  # the session and half an hour to set up
        return (
            day,
            session,
            [
                VolunteerHours(v, day, minutes, FACILITATING, session.id, id=rng.uuid())
                for v in facilitators
            ],
        )

    def _with_an_open_concern(self, month: DemoMonth) -> DemoMonth:
        """Make sure the demo's Home screen shows an open safeguarding concern."""
        if any(c.is_open for c in month.concerns):
            return month
        for session in reversed(month.sessions):
            if session.kind == "group":
                month.concerns.append(concern_at(session, cat.SAFEGUARDING_FOLLOW_UPS[0], None))
                break
        return month


def _active(volunteer: Volunteer, week: date) -> bool:
    started = volunteer.started_on is None or volunteer.started_on <= week + timedelta(days=6)
    return started and (volunteer.ended_on is None or volunteer.ended_on >= week)


def make_case_studies(
    rng: DemoRandom, shape: DemoShape, people: list[DemoPerson], today: date
) -> list[CaseStudy]:
    willing = [
        p
        for p in people
        if p.person.consent and p.person.consent.share_story and p.first_contact < today
    ]
    chosen = rng.sample(willing, min(shape.case_studies, len(willing)))
    return [
        CaseStudy(
            person_id=p.person.id,
            written_on=rng.day_between(min(p.first_contact + timedelta(days=60), today), today),
            title=rng.choice(cat.CASE_STUDY_TITLES),
            text=cat.CASE_STUDY_TEXT,
            consent_to_share=rng.random() < 0.85,
            id=rng.uuid(),
        )
        for p in chosen
    ]
