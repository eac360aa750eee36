"""Subject access: "Export everything we hold" about one person, as JSON (complete, for
machines and for the record) and a readable PDF (for the person).

Completeness does not rest on a list kept by hand: besides the sections written for reading
(profile, consent history, attendances with session dates, outcome measures, case studies,
referrals, safeguarding concerns about them, hours if they are also a volunteer, unsaved
drafts about them, audit entries about them), `linked_records` holds every row of every table
that refers to the person, found by walking the schema's foreign keys, so a table added later
is exported without anyone remembering to add it. Drafts name no foreign key: they are found
as erasure finds them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.drafts import held_about
from desktop_app.domain.listing import Page
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.volunteers import hours_written
from desktop_app.services.access import exporting
from desktop_app.services.protection.audit import user_names
from desktop_app.services.recently_deleted import describe
from desktop_app.store import drafts_repo, linked_records
from desktop_app.store.database import Database, utc_now
from desktop_app.store.files import plain_write_errors, write_atomically
from desktop_app.store.keys import local_id
from desktop_app.store.private_files import make_private_folder
from desktop_app.store.protection import audit_repo, consents_repo
from desktop_app.store.records import (
    hours_repo,
    outcomes_repo,
    people_repo,
    referrals_repo,
    safeguarding_repo,
    volunteers_repo,
)
from desktop_app.store.records import recently_deleted as bin_repo
from desktop_app.store.records.safeguarding_repo import ConcernFilter

log = logging.getLogger(__name__)

FORMAT = "peerlog.subject-access/1"
ALL_HOURS = Page(limit=1_000_000)  # everything, in one page


@dataclass(frozen=True)
class SubjectAccessFiles:
    json_file: Path
    pdf_file: Path


def matching_volunteers(db: Database, person_id: str) -> list[tuple[str, str]]:
    """Volunteers with the same name as the person, (id, name): the coordinator confirms which
    (if any) are the same human, as nothing in the records links the two."""
    person = people_repo.get_person(db.connection(), person_id)
    found = volunteers_repo.list_volunteers(
        db.connection(), date.today(), person.known_as, include_ended=True
    )
    wanted = person.known_as.casefold()
    return [(v.id, v.name) for v in found if v.name.casefold() == wanted]


def collect(db: Database, person_id: str, volunteer_ids: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything held about the person, as plain JSON-ready data."""
    conn = db.connection()
    key = local_id(conn, "people", person_id)
    person = people_repo.get_person(conn, person_id)
    profile = _with_contact_details(asdict(person))
    profile.pop("consent")
    volunteering = [_volunteer_section(db, v) for v in volunteer_ids]
    linked = linked_records.linked_rows(conn, "people", key)
    consents = consents_repo.consent_history(conn, key)
    record_ids = {person_id, *(c.id for c in consents)}
    record_ids |= {str(r["uuid"]) for rows in linked.values() for r in rows if "uuid" in r}
    record_ids |= set(volunteer_ids)
    record_ids |= {h["id"] for v in volunteering for h in v["hours"]}
    drafts = _drafts_section(db, person_id, volunteer_ids)
    record_ids |= {d["id"] for d in drafts}
    names = user_names(db)
    deleted = [
        {
            "what": describe(entry),
            "deleted_at": entry.deleted_at,
            "rows_about_you": [r for _t, r in entry.rows if r.get("person_id") == key],
        }
        for entry in bin_repo.naming_person(conn, person_id)
    ]
    result: dict[str, Any] = _plain(
        {
            "format": FORMAT,
            "exported_at": utc_now(),
            "organisation": db.setting("organisation_name", ""),
            "profile": profile,
            "consent_history": [asdict(c) for c in consents],
            "attendances": linked_records.attendances_with_sessions(conn, key),
            "case_studies": [r for r in linked.get("case_studies", [])],
            "outcomes": [asdict(o) for o in outcomes_repo.outcomes_for_person(conn, person_id)],
            "onward_referrals": linked_records.referrals_with_sessions(conn, key),
            **_referrals_sections(db, person_id),
            "safeguarding_concerns": _concerns_section(db, person_id, names),
            "volunteering": volunteering,
            "drafts": drafts,
            "recently_deleted": deleted,
            "audit_entries": [
                {**asdict(e), "user": names.get(e.user_id, "Unknown user")}
                for e in audit_repo.entries_about(conn, record_ids)
            ],
            "linked_records": linked,
        }
    )
    return result


def _referrals_sections(db: Database, person_id: str) -> dict[str, Any]:
    """Referrals of the person (with where each has got to) and the notes sent back about
    them to the referrers."""
    conn = db.connection()
    rows = referrals_repo.list_referral_rows(conn, ALL_HOURS, False, person_id).rows
    received = [
        {
            **asdict(row.progress.referral),
            "stage": row.progress.stage.label,
            "first_session_on": row.progress.first_session_on,
            "engaged_on": row.progress.engaged_on,
        }
        for row in rows
    ]
    notes = [
        asdict(note)
        for row in rows
        for note in referrals_repo.feedback_notes(conn, row.progress.referral.id)
    ]
    return {"referrals_received": received, "feedback_notes": notes}


def _concerns_section(db: Database, person_id: str, names: dict[str, str]) -> list[Any]:
    """Safeguarding concerns about the person, with what was done. A concern about a session
    they came to, but not about them, is not theirs to see (it may be about someone else); one
    about them at a session names only the session's date, never who else was there."""
    conn = db.connection()
    about = ConcernFilter(person_id=person_id)
    rows = safeguarding_repo.list_concern_rows(conn, about, ALL_HOURS).rows
    return [
        {
            "raised_on": row.concern.raised_on,
            "kind_of_concern": row.concern.kind,
            "at_the_session_on": row.session_held_on,
            "what_happened": row.concern.what_happened,
            "passed_to": row.concern.passed_to,
            "raised_by": _user(names, row.concern.raised_by),
            "resolved_on": row.concern.resolved_on,
            "resolved_by": _user(names, row.concern.resolved_by),
            "actions": [
                {"taken_on": a.taken_on, "what": a.what, "by_whom": a.by_whom}
                for a in row.concern.actions
            ],
        }
        for row in rows
    ]


def _user(names: dict[str, str], user_id: str) -> str:
    return names.get(user_id, "Unknown user") if user_id else "Not recorded"


def _volunteer_section(db: Database, volunteer_id: str) -> dict[str, Any]:
    conn = db.connection()
    volunteer = volunteers_repo.get_volunteer(conn, volunteer_id)
    hours = hours_repo.list_hours(conn, ALL_HOURS, volunteer_id, None, None).rows
    entries = [{**asdict(h), "hours": str(hours_written(h.minutes))} for h in hours]
    return {"volunteer": _with_contact_details(asdict(volunteer)), "hours": entries}


def _with_contact_details(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its contact details as fields of their own, named as people know them."""
    contact = record.pop("contact")
    return {
        **record,
        "phone": contact["phone"],
        "email": contact["email"],
        "preferred_contact": contact["preferred"],
    }


def _drafts_section(
    db: Database, person_id: str, volunteer_ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Unsaved forms about the person (kept when PeerLog locked): what each holds about them."""
    conn = db.connection()
    subject = drafts_repo.subject_of(conn, person_id, volunteer_ids)
    section = []
    for found in drafts_repo.drafts_about(conn, subject):
        draft = held_about(found, subject)
        section.append(
            {
                "id": draft.id,
                "form": draft.kind.label,
                "title": draft.title,
                "saved_at": draft.saved_at,
                "fields": draft.fields,
            }
        )
    return section


def _plain(value: Any) -> Any:
    """Dates as ISO text, tuples as lists: what JSON holds."""
    return json.loads(json.dumps(value, default=str))


def export_subject_access(
    db: Database, person_id: str, folder: Path, volunteer_ids: tuple[str, ...] = ()
) -> SubjectAccessFiles:
    """Write `<ref> everything we hold.json` and `.pdf` into `folder` (coordinators only).
    The files are NOT encrypted (only their owner may read them): hand them over safely and
    delete them after."""
    from desktop_app.services.protection.subject_access_pdf import write_pdf

    with exporting(db, Permission.EXPORT_ALL, Action.EXPORT, "person", person_id):
        data = collect(db, person_id, volunteer_ids)
        stem = f"{data['profile']['ref']} everything we hold"
        files = SubjectAccessFiles(folder / f"{stem}.json", folder / f"{stem}.pdf")
        make_private_folder(folder, parents=True, exist_ok=True)
        text = json.dumps(data, indent=2, ensure_ascii=False)
        with plain_write_errors(files.json_file):
            write_atomically(files.json_file, text.encode("utf-8"))
        write_pdf(data, files.pdf_file)
    log.info("Subject access export written")
    return files
