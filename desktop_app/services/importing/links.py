"""Planning the rows that link records: volunteers' hours, onward referrals, case studies and
referrals received.

Rows without a reference of their own are matched on what they hold: hours on the volunteer, day
and activity; referrals on the session, destination and person; stories on the person, date and
title; referrals received on the person, the date received and the kind of referrer. When a file
has n rows with the same key they match the first n already in PeerLog, so a second import of the
same file adds nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from desktop_app.domain.case_studies import CaseStudy, cleaned_case_study, validate_case_study
from desktop_app.domain.importing.records import (
    CASE_STUDY_COLUMNS,
    HOURS_COLUMNS,
    RECEIVED_REFERRAL_COLUMNS,
    case_study_from_row,
    case_study_key,
    hours_from_row,
    hours_key,
    received_referral_from_row,
    received_referral_key,
    referral_key,
    row_problems,
    session_id_for,
)
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.listing import Page
from desktop_app.domain.referrals.records import Referral, cleaned_referral, validate_referral
from desktop_app.domain.sessions import OnwardReferral
from desktop_app.domain.volunteers import FACILITATING, validate_hours
from desktop_app.store.importing.lookups import existing_ids, hours_between
from desktop_app.store.records import case_studies_repo, hours_repo, referrals_repo

if TYPE_CHECKING:
    from desktop_app.services.importing.plan_context import PlanContext

ALL = Page(limit=1_000_000)


def plan_hours(p: PlanContext, rows: list[ParsedRow]) -> None:
    """Hours are matched on volunteer, day and activity: when a file has two rows with the
    same three, they match the first two recorded in PeerLog."""
    resolved: list[tuple[ParsedRow, str, str | None]] = []
    for row in rows:
        volunteer_id = p.referred_id(
            row, "volunteer_ref", p.volunteer_ids, "volunteer", "volunteers"
        )
        found, session_id = _hours_session(p, row)
        if volunteer_id is not None and found:
            resolved.append((row, volunteer_id, session_id))
    existing = _existing_hours(p, resolved)
    used: Counter[tuple[str, date, str]] = Counter()
    for row, volunteer_id, session_id in resolved:
        p.tick()
        worked_on = row.date("worked_on") or date.min
        key = hours_key(volunteer_id, worked_on, row.text("activity") or FACILITATING)
        matches = existing.get(key, [])
        match_id = matches[used[key]] if used[key] < len(matches) else None
        used[key] += 1
        before = hours_repo.get_hours(p.conn, match_id) if match_id else None
        entry = hours_from_row(row, volunteer_id, session_id, before)
        problems = row_problems(row, validate_hours(entry, p.today), HOURS_COLUMNS)
        if problems:
            p.plan.problems += problems
            continue
        p.plan.note(p.plan.hours, "volunteer hours", before, entry)


def _hours_session(p: PlanContext, row: ParsedRow) -> tuple[bool, str | None]:
    """Whether the session the hours are for was found, and its id (None: no session)."""
    ref = row.text("session_ref")
    if not ref:
        return True, None
    candidate = session_id_for(ref, p.namespace)
    if ref.casefold() not in p.session_ids and existing_ids(p.conn, "sessions", [candidate]):
        p.session_ids[ref.casefold()] = candidate
    session_id = p.referred_id(row, "session_ref", p.session_ids, "session", "sessions")
    return session_id is not None, session_id


def _existing_hours(
    p: PlanContext, resolved: list[tuple[ParsedRow, str, str | None]]
) -> dict[tuple[str, date, str], list[str]]:
    days = [d for row, _, _ in resolved if (d := row.date("worked_on")) is not None]
    if not days:
        return {}
    found: dict[tuple[str, date, str], list[str]] = defaultdict(list)
    volunteers = {volunteer_id for _, volunteer_id, _ in resolved}
    for hours_id, volunteer_id, day, activity in hours_between(
        p.conn, volunteers, min(days), max(days)
    ):
        found[hours_key(volunteer_id, day, activity)].append(hours_id)
    return found


def plan_referrals(p: PlanContext, rows: list[ParsedRow]) -> None:
    p.resolve_session_refs({r.text("session_ref") for r in rows})
    wanted: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        p.tick()
        session_id = p.referred_id(row, "session_ref", p.session_ids, "session", "sessions")
        person_id = None
        if row.text("person_ref"):
            person_id = p.referred_id(row, "person_ref", p.person_ids, "person", "people")
            if person_id is None:
                continue
        if session_id is None:
            continue
        session = p.session_for(session_id, row)
        if session is None:
            continue
        destination = " ".join(row.text("destination").split())
        key = referral_key(session_id, destination, person_id)
        wanted[key] += 1
        there = sum(
            1
            for r in session.onward_referrals
            if referral_key(session_id, r.destination, r.person_id) == key
        )
        if wanted[key] <= there:
            p.plan.count("onward referrals").unchanged += 1
            continue
        p.plan.count("onward referrals").added += 1
        referral = OnwardReferral(destination, person_id)
        p.sessions[session_id] = replace(
            session, onward_referrals=(*session.onward_referrals, referral)
        )


RecordT = TypeVar("RecordT")


def _their_records(
    p: PlanContext,
    row: ParsedRow,
    existing: dict[str, list[RecordT]],
    load: Callable[[str], list[RecordT]],
) -> str | None:
    """The id of the person the row is about (None: reported as a problem), with their records
    already in PeerLog read once into `existing`."""
    p.tick()
    person_id = p.referred_id(row, "person_ref", p.person_ids, "person", "people")
    if person_id is not None and person_id not in existing:
        stored = person_id in p.stored_person_ids
        existing[person_id] = load(person_id) if stored else []
    return person_id


def plan_case_studies(p: PlanContext, rows: list[ParsedRow]) -> None:
    existing: dict[str, list[CaseStudy]] = {}
    seen: dict[tuple[str, date, str], int] = {}

    def load(person_id: str) -> list[CaseStudy]:
        return case_studies_repo.list_case_studies(p.conn, ALL, person_id).rows

    for row in rows:
        person_id = _their_records(p, row, existing, load)
        if person_id is None:
            continue
        key = case_study_key(person_id, row.date("written_on") or date.min, row.text("title"))
        if p.repeated(seen, key, row, "title", "This person's story with this date and title"):
            continue
        before = next((s for s in existing[person_id] if _key(s) == key), None)
        study = cleaned_case_study(case_study_from_row(row, person_id, before))
        problems = row_problems(row, validate_case_study(study, p.today), CASE_STUDY_COLUMNS)
        if problems:
            p.plan.problems += problems
            continue
        p.plan.note(p.plan.case_studies, "case studies", before, study)


def _key(study: CaseStudy) -> tuple[str, date, str]:
    return case_study_key(study.person_id, study.written_on, study.title)


def plan_received_referrals(p: PlanContext, rows: list[ParsedRow]) -> None:
    existing: dict[str, list[Referral]] = {}
    seen: dict[tuple[str, date, str], int] = {}

    def load(person_id: str) -> list[Referral]:
        listed = referrals_repo.list_referral_rows(p.conn, ALL, False, person_id)
        return [r.progress.referral for r in listed.rows]

    for row in rows:
        person_id = _their_records(p, row, existing, load)
        if person_id is None:
            continue
        received = row.date("received_on") or date.min
        key = received_referral_key(person_id, received, row.text("source_kind"))
        if p.repeated(
            seen, key, row, "received_on", "This person's referral of this kind and date"
        ):
            continue
        before = next((r for r in existing[person_id] if _referral_key(r) == key), None)
        referral = cleaned_referral(received_referral_from_row(row, person_id, before))
        problems = row_problems(
            row, validate_referral(referral, p.today), RECEIVED_REFERRAL_COLUMNS
        )
        if problems:
            p.plan.problems += problems
            continue
        p.plan.note(p.plan.referrals_received, "referrals received", before, referral)


def _referral_key(referral: Referral) -> tuple[str, date, str]:
    return received_referral_key(referral.person_id, referral.received_on, referral.source_kind)
