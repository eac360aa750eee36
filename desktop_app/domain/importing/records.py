"""Turning parsed rows into domain records, and the records' own validation problems back into
problems against the row and column they came from.

A column missing from a file leaves that field as it is on a record already in PeerLog; a
blank cell in a column that is there clears it (or sets the default). Validation is the
domain's own (`validate_person`...), never a second copy of its rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar, cast

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.contact_details import ContactDetails
from desktop_app.domain.importing.problems import ImportProblem
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.people import Consent, Person
from desktop_app.domain.problems import Problem
from desktop_app.domain.referrals.records import Referral
from desktop_app.domain.sessions import Session
from desktop_app.domain.vocabularies import NOT_RECORDED
from desktop_app.domain.volunteers import FACILITATING, TrainingRecord, Volunteer, VolunteerHours

SESSION_REF_MAX = 40
T = TypeVar("T")

# domain field -> template column, for putting a validation problem in its column
PERSON_COLUMNS = {
    "ethnic_group": "ethnicity",
    "consent.method": "consent_method",
    "consent.recorded_on": "consent_on",
}
VOLUNTEER_COLUMNS = {"name": "known_as", "roles": "role"}
TRAINING_COLUMNS = {
    "training.course": "course",
    "training.completed_on": "completed_on",
    "training.expires_on": "expires_on",
}
SESSION_COLUMNS = {
    "facilitator_ids": "facilitators",
    "anonymous_headcount": "anonymous_attendees",
    "attendee_ids": "",
    "onward_referrals": "",
}
HOURS_COLUMNS = {"volunteer_id": "volunteer_ref"}
CASE_STUDY_COLUMNS = {"person_id": "person_ref", "text": "story"}
RECEIVED_REFERRAL_COLUMNS = {"person_id": "person_ref"}


def row_problems(
    row: ParsedRow, problems: Sequence[Problem], columns: Mapping[str, str]
) -> list[ImportProblem]:
    """Domain problems (by field) as import problems (by column of this row)."""
    return [row.problem(columns.get(p.field, p.field), p.message) for p in problems]


def _pick(row: ParsedRow, column: str, current: T, blank: T) -> T:
    """The column's value; `current` when the file has no such column, `blank` when empty."""
    if not row.has(column):
        return current
    value = row.values[column]
    return blank if value is None else cast(T, value)


def person_from_row(
    row: ParsedRow, existing: Person | None, history: Sequence[Consent] = ()
) -> tuple[Person, list[ImportProblem]]:
    """`history`: the person's earlier consent records, when the row's consent date is not
    that of the consent in force (so that an older consent is matched, not added again)."""
    base = existing or Person(known_as="", ref=row.text("ref"))
    person = replace(
        base,
        known_as=_pick(row, "known_as", base.known_as, ""),
        year_of_birth=_pick(row, "year_of_birth", base.year_of_birth, None),
        gender=_pick(row, "gender", base.gender, NOT_RECORDED),
        ethnic_group=_pick(row, "ethnicity", base.ethnic_group, NOT_RECORDED),
        disability=_pick(row, "disability", base.disability, NOT_RECORDED),
        postcode_district=_pick(row, "postcode_district", base.postcode_district, ""),
        referral_source=_pick(row, "referral_source", base.referral_source, "not_known"),
        first_contact=_pick(row, "first_contact", base.first_contact, None),
        archived=_pick(row, "archived", base.archived, False),
        notes=_pick(row, "notes", base.notes, ""),
        contact=contact_from_row(row, base.contact),
    )
    consent, problems = _consent_from_row(row, base.consent, history)
    return replace(person, consent=consent), problems


def _consent_from_row(
    row: ParsedRow, current: Consent | None, history: Sequence[Consent]
) -> tuple[Consent | None, list[ImportProblem]]:
    """With a consent date, the consent recorded that day is corrected, or a new one is added
    to the history. An import never removes consent history."""
    recorded_on = row.date("consent_on")
    if recorded_on is None:
        details = ("story_consent", "consent_method", "contact_consent")
        given = [c for c in details if row.values.get(c) is not None]
        if given:
            return current, [
                row.problem(given[0], "This needs the date the consent was recorded in consent_on.")
            ]
        return current, []
    same_day = next((c for c in (current, *history) if c and c.recorded_on == recorded_on), None)
    base = same_day or Consent(
        recorded_on, "written", keep_data=True, be_contacted=False, share_story=False
    )
    consent = replace(
        base,
        method=_pick(row, "consent_method", base.method, "written"),
        share_story=_pick(row, "story_consent", base.share_story, False),
        be_contacted=_pick(row, "contact_consent", base.be_contacted, False),
    )
    if consent == same_day:
        return current, []  # already recorded as the file says
    return consent, []


def volunteer_from_row(row: ParsedRow, existing: Volunteer | None) -> Volunteer:
    base = existing or Volunteer(name="", ref=row.text("ref"))
    return replace(
        base,
        name=_pick(row, "known_as", base.name, ""),
        roles=_pick(row, "role", base.roles, ()),
        started_on=_pick(row, "started_on", base.started_on, None),
        ended_on=_pick(row, "ended_on", base.ended_on, None),
        lived_experience=_pick(row, "lived_experience", base.lived_experience, False),
        dbs_checked_on=_pick(row, "dbs_checked_on", base.dbs_checked_on, None),
        contact=contact_from_row(row, base.contact),
    )


def contact_from_row(row: ParsedRow, current: ContactDetails) -> ContactDetails:
    return ContactDetails(
        phone=_pick(row, "phone", current.phone, ""),
        email=_pick(row, "email", current.email, ""),
        preferred=_pick(row, "preferred_contact", current.preferred, ""),
    )


def training_from_row(row: ParsedRow, existing: Sequence[TrainingRecord]) -> TrainingRecord:
    """The record for this course and completion date: the one already there (matched on the
    course name in any case and the date) with its expiry updated, or a new one."""
    course = " ".join(row.text("course").split())
    completed_on = row.date("completed_on") or date.min
    for record in existing:
        if record.course.casefold() == course.casefold() and record.completed_on == completed_on:
            return replace(record, expires_on=_pick(row, "expires_on", record.expires_on, None))
    return TrainingRecord(course, completed_on, row.date("expires_on"))


def session_id_for(ref: str, namespace: str) -> str:
    """The session's id from its reference. An exported session's reference is its id; any
    other reference always gives the same id in the same database, so a second import of the
    same file finds the sessions it made the first time."""
    try:
        return str(uuid.UUID(ref))
    except ValueError:
        return str(uuid.uuid5(uuid.UUID(namespace), f"session:{ref.strip().casefold()}"))


def session_from_row(
    row: ParsedRow,
    existing: Session | None,
    session_id: str,
    facilitator_ids: tuple[str, ...] | None,
) -> Session:
    """`facilitator_ids` None: the file has no facilitators column (keep those there). Their
    order does not matter: the same volunteers in another order change nothing."""
    held_on = row.date("held_on") or date.min
    base = existing or Session(held_on=held_on, kind=row.text("kind"), id=session_id)
    return replace(
        base,
        held_on=held_on,
        kind=row.text("kind"),
        mode=_pick(row, "mode", base.mode, "in_person"),
        minutes=_pick(row, "minutes", base.minutes, 0),
        starts_at=_pick(row, "starts_at", base.starts_at, None),
        venue=_pick(row, "venue", base.venue, ""),
        anonymous_headcount=_pick(row, "anonymous_attendees", base.anonymous_headcount, 0),
        topics=_pick(row, "topics", base.topics, ()),
        notes=_pick(row, "notes", base.notes, ""),
        facilitator_ids=(
            base.facilitator_ids
            if facilitator_ids is None or set(facilitator_ids) == set(base.facilitator_ids)
            else facilitator_ids
        ),
    )


def hours_from_row(
    row: ParsedRow,
    volunteer_id: str,
    session_id: str | None,
    existing: VolunteerHours | None,
) -> VolunteerHours:
    activity = row.text("activity") or FACILITATING
    minutes = row.values.get("hours")  # read as whole minutes
    amount = minutes if isinstance(minutes, int) else 0
    if existing is None:
        return VolunteerHours(
            volunteer_id, row.date("worked_on") or date.min, amount, activity, session_id
        )
    linked = session_id if row.has("session_ref") else existing.session_id
    return replace(existing, minutes=amount, activity=activity, session_id=linked)


def hours_key(volunteer_id: str, worked_on: date, activity: str) -> tuple[str, date, str]:
    """Hours are matched on the volunteer, the day and the activity (any case)."""
    return (volunteer_id, worked_on, " ".join(activity.split()).casefold())


def referral_key(session_id: str, destination: str, person_id: str | None) -> tuple[str, str, str]:
    """Referrals are matched on the session, the destination (any case) and the person."""
    return (session_id, " ".join(destination.split()).casefold(), person_id or "")


def case_study_from_row(row: ParsedRow, person_id: str, existing: CaseStudy | None) -> CaseStudy:
    """A story is matched on the person, the date and the title (any case)."""
    written_on = row.date("written_on") or date.min
    base = existing or CaseStudy(person_id, written_on, row.text("title"))
    return replace(
        base,
        text=_pick(row, "story", base.text, ""),
        consent_to_share=_pick(row, "consent_to_share", base.consent_to_share, False),
    )


def case_study_key(person_id: str, written_on: date, title: str) -> tuple[str, date, str]:
    return (person_id, written_on, " ".join(title.split()).casefold())


def received_referral_from_row(
    row: ParsedRow, person_id: str, existing: Referral | None
) -> Referral:
    """A referral received is matched on the person, the date and the kind of referrer."""
    received_on = row.date("received_on") or date.min
    base = existing or Referral(person_id, received_on, row.text("source_kind"))
    return replace(
        base,
        organisation=_pick(row, "organisation", base.organisation, ""),
        referrer_role=_pick(row, "referrer_role", base.referrer_role, ""),
        needs=row.items("needs") if row.has("needs") else base.needs,
        consent_to_feedback=_pick(row, "consent_to_feedback", base.consent_to_feedback, False),
        share_scores=_pick(row, "share_scores", base.share_scores, False),
        contact_attempted_on=_pick(row, "contact_attempted_on", base.contact_attempted_on, None),
        contacted_on=_pick(row, "contacted_on", base.contacted_on, None),
        closed_on=_pick(row, "closed_on", base.closed_on, None),
        closed_reason=_pick(row, "closed_reason", base.closed_reason, ""),
        notes=_pick(row, "notes", base.notes, ""),
    )


def received_referral_key(person_id: str, received_on: date, kind: str) -> tuple[str, date, str]:
    return (person_id, received_on, kind)
