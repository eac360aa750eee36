"""A person's or a volunteer's whole story in one place, read through the store: for a person
the sessions they came to, their wellbeing scores, case studies, consent history, onward
referrals and safeguarding concerns about them (those the user may see); for a volunteer the
sessions they facilitated, hours given, training and DBS check. Each group newest first."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.listing import Page
from desktop_app.domain.outcomes.change import OutcomeRecord
from desktop_app.domain.people import CONSENT_PARTS, Consent
from desktop_app.domain.problems import long_date
from desktop_app.domain.safeguarding import ConcernRow
from desktop_app.domain.story import StoryGroup, StoryLine, newest_first
from desktop_app.domain.vocabularies import CONCERN_KIND, CONSENT_METHOD, SESSION_KIND
from desktop_app.domain.volunteers import (
    TrainingRecord,
    Volunteer,
    VolunteerHours,
    dbs_due_on,
    describe_due,
    hours_written,
)
from desktop_app.services.outcomes import short_measure_names
from desktop_app.services.safeguarding import list_concerns
from desktop_app.services.settings import dbs_renewal_years
from desktop_app.store.database import Database
from desktop_app.store.keys import local_id
from desktop_app.store.linked_records import attendances_with_sessions
from desktop_app.store.protection import consents_repo
from desktop_app.store.records import (
    case_studies_repo,
    hours_repo,
    outcomes_repo,
    story_queries,
    volunteers_repo,
)

EVERY_ENTRY = Page(limit=1_000_000)


def session_text(kind: str, venue: str) -> str:
    label = SESSION_KIND.label(kind) if kind in SESSION_KIND else kind
    return f"{label}, {venue}" if venue else label


def person_story(db: Database, person_id: str) -> list[StoryGroup]:
    conn = db.connection()
    key = local_id(conn, "people", person_id)
    names = short_measure_names(db)
    sessions = [
        StoryLine(
            date.fromisoformat(row["held_on"]),
            session_text(row["kind"], row["venue"]),
            "session",
            row["session_id"],
        )
        for row in attendances_with_sessions(conn, key)
    ]
    scores = [_score_line(r, names) for r in outcomes_repo.outcomes_for_person(conn, person_id)]
    studies = [
        StoryLine(s.written_on, _study_text(s.title, s.consent_to_share), "case_study", s.id)
        for s in case_studies_repo.list_case_studies(conn, EVERY_ENTRY, person_id).rows
    ]
    referrals = [
        StoryLine(held_on, f"Referred to {where} (at the session that day)", "session", session)
        for session, held_on, where in story_queries.referrals_made(conn, key)
    ]
    return [
        StoryGroup("Sessions they came to", newest_first(sessions), "No sessions yet."),
        StoryGroup("Wellbeing scores", newest_first(scores), "No scores recorded yet."),
        StoryGroup(
            "Case studies",
            newest_first(studies),
            "No case studies yet.",
        ),
        StoryGroup(
            "Consent",
            newest_first([_consent_line(c) for c in consents_repo.consent_history(conn, key)]),
            "No consent recorded yet.",
        ),
        StoryGroup("Onward referrals", newest_first(referrals), "No onward referrals."),
        StoryGroup(
            "Safeguarding concerns",
            newest_first([_concern_line(r) for r in list_concerns(db, person_id=person_id).rows]),
            "None that you can see.",
        ),
    ]


def _concern_line(row: ConcernRow) -> StoryLine:
    """A concern about them (those the user may see: a lead sees the ones they raised)."""
    c = row.concern
    state = f"resolved {long_date(c.resolved_on)}" if c.resolved_on else "open"
    passed = f", passed to {c.passed_to}" if c.passed_to else ""
    return StoryLine(
        c.raised_on, f"{CONCERN_KIND.label(c.kind)} ({state}){passed}", "concern", c.id
    )


def volunteer_story(db: Database, volunteer_id: str) -> list[StoryGroup]:
    conn = db.connection()
    volunteer = volunteers_repo.get_volunteer(conn, volunteer_id)
    key = local_id(conn, "volunteers", volunteer_id)
    facilitated = [
        StoryLine(held_on, session_text(kind, venue), "session", session)
        for session, held_on, kind, venue in story_queries.sessions_facilitated(conn, key)
    ]
    hours = hours_repo.list_hours(conn, EVERY_ENTRY, volunteer_id).rows
    return [
        StoryGroup("Sessions they facilitated", newest_first(facilitated), "None yet."),
        StoryGroup("Hours given", newest_first([_hours_line(h) for h in hours]), "None yet."),
        StoryGroup(
            "Training",
            newest_first([_training_line(t) for t in volunteer.training]),
            "No training recorded yet.",
        ),
        StoryGroup("DBS check", _dbs_lines(db, volunteer), "No DBS check recorded."),
    ]


def _score_line(record: OutcomeRecord, names: dict[str, str]) -> StoryLine:
    name = names.get(record.measure_code, record.measure_code)
    text = f"{name}, {record.stage.label}: {record.score.text()}"
    return StoryLine(record.taken_on, text, "score", record.id)


def _study_text(title: str, shared: bool) -> str:
    return f"{title} ({'agreed to share' if shared else 'not to be shared'})"


def _consent_line(consent: Consent) -> StoryLine:
    agreed = [words for part, words in CONSENT_PARTS.items() if getattr(consent, part)]
    withdrawn = [
        f"{CONSENT_PARTS[part]} withdrawn on {long_date(day)}"
        for part in CONSENT_PARTS
        if (day := consent.withdrawn_on(part)) is not None
    ]
    how = CONSENT_METHOD.label(consent.method) if consent.method in CONSENT_METHOD else ""
    text = f"{how} consent to {', '.join(agreed) or 'nothing'}"
    if withdrawn:
        text += f"; {'; '.join(withdrawn)}"
    return StoryLine(consent.recorded_on, text)


def _hours_line(hours: VolunteerHours) -> StoryLine:
    return StoryLine(
        hours.worked_on,
        f"{hours_written(hours.minutes)} hours: {hours.activity}",
        "hours",
        hours.id,
    )


def _training_line(record: TrainingRecord) -> StoryLine:
    expires = f" (renew by {long_date(record.expires_on)})" if record.expires_on else ""
    return StoryLine(record.completed_on, f"Completed {record.course}{expires}")


def _dbs_lines(db: Database, volunteer: Volunteer) -> tuple[StoryLine, ...]:
    checked = volunteer.dbs_checked_on
    if checked is None:
        return ()
    due = describe_due(dbs_due_on(checked, dbs_renewal_years(db)), date.today())
    return (StoryLine(checked, f"DBS check done; renewal {due}"),)
