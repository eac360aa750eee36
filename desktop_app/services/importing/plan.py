"""Matching an import's rows to the database: which records are new, which change, which are
already as the file says, and every problem, before anything is written.

References are matched in any case. A reference may point at a record in the same import or one
already in PeerLog. Nothing is ever deleted by an import; a session's attendees are only added to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from desktop_app.domain.importing.records import (
    PERSON_COLUMNS,
    SESSION_COLUMNS,
    SESSION_REF_MAX,
    TRAINING_COLUMNS,
    VOLUNTEER_COLUMNS,
    person_from_row,
    row_problems,
    session_from_row,
    session_id_for,
    training_from_row,
    volunteer_from_row,
)
from desktop_app.domain.importing.rows import ParsedRow
from desktop_app.domain.importing.template import SheetName
from desktop_app.domain.people import Consent, Person, cleaned_person, validate_person
from desktop_app.domain.sessions import Session, cleaned_session, validate_session
from desktop_app.domain.volunteers import (
    Volunteer,
    cleaned_volunteer,
    validate_training,
    validate_volunteer,
)
from desktop_app.services.importing.concerns import plan_concerns
from desktop_app.services.importing.links import (
    plan_case_studies,
    plan_hours,
    plan_received_referrals,
    plan_referrals,
)
from desktop_app.services.importing.outcomes import plan_outcomes
from desktop_app.services.importing.plan_context import KeyT, Tick
from desktop_app.services.importing.results import ImportPlan, ParsedTables, tally
from desktop_app.services.protection.consent import with_notice_version
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.importing.lookups import existing_ids, ids_by_ref
from desktop_app.store.keys import local_id
from desktop_app.store.protection import consents_repo
from desktop_app.store.records import people_repo, sessions_repo, volunteers_repo


class Planner:
    def __init__(self, conn: Connection, namespace: str, today: date, tick: Tick) -> None:
        self.conn = conn
        self.namespace = namespace
        self.today = today
        self.tick = tick
        self.plan = ImportPlan()
        self.people_in_database = ids_by_ref(conn, "people")
        self.volunteers_in_database = ids_by_ref(conn, "volunteers")
        self.stored_person_ids = set(self.people_in_database.values())
        self.person_ids = dict(self.people_in_database)  # with those of this import
        self.volunteer_ids = dict(self.volunteers_in_database)
        self.volunteers: dict[str, Volunteer] = {}  # by id: each as it will be saved
        self.volunteers_before: dict[str, Volunteer | None] = {}
        self.sessions: dict[str, Session] = {}
        self.sessions_before: dict[str, Session | None] = {}
        self.session_rows: dict[str, ParsedRow] = {}  # where a session's problems are reported
        self.session_ids: dict[str, str] = {}  # reference (case-folded) -> id
        self.session_ids_in_file: set[str] = set()
        self.bad_refs: dict[SheetName, set[str]] = {}

    def make(self, tables: ParsedTables) -> ImportPlan:
        rows = tables.rows
        self.bad_refs = tables.bad_refs
        self._people(rows.get("people", []))
        self._volunteers(rows.get("volunteers", []))
        self._training(rows.get("training", []))
        self._finish_volunteers()
        self.session_ids_in_file = {
            session_id_for(r.text("ref"), self.namespace) for r in rows.get("sessions", [])
        }
        self._sessions(rows.get("sessions", []))
        self._attendance(rows.get("attendance", []))
        plan_referrals(self, rows.get("onward_referrals", []))
        self._finish_sessions()
        plan_hours(self, rows.get("volunteer_hours", []))
        plan_case_studies(self, rows.get("case_studies", []))
        plan_outcomes(self, rows.get("outcomes", []))
        plan_received_referrals(self, rows.get("referrals", []))
        plan_concerns(
            self, rows.get("safeguarding_concerns", []), rows.get("safeguarding_actions", [])
        )
        return self.plan

    # People and volunteers ------------------------------------------------------------------

    def _duplicates(
        self, rows: Iterable[ParsedRow], key: Callable[[ParsedRow], object], what: str
    ) -> set[int]:
        """Row numbers repeating an earlier row's key, each reported once."""
        first: dict[object, int] = {}
        repeats: set[int] = set()
        for row in rows:
            k = key(row)
            if k in first:
                repeats.add(row.number)
                self.plan.problems.append(
                    row.problem(
                        "ref", f"{what} is already on row {first[k]}: keep one of the two rows."
                    )
                )
            else:
                first[k] = row.number
        return repeats

    def repeated(
        self, seen: dict[KeyT, int], key: KeyT, row: ParsedRow, column: str, what: str
    ) -> bool:
        """Whether `key` was on an earlier row (a problem then says which); else noted."""
        if key in seen:
            self.plan.problems.append(
                row.problem(column, f"{what} is already on row {seen[key]}: keep one of the two.")
            )
            return True
        seen[key] = row.number
        return False

    def _people(self, rows: list[ParsedRow]) -> None:
        repeats = self._duplicates(rows, lambda r: r.text("ref").casefold(), "This reference")
        for row in rows:
            self.tick()
            ref = row.text("ref").casefold()
            existing_id = self.people_in_database.get(ref)
            existing = people_repo.get_person(self.conn, existing_id) if existing_id else None
            person, problems = person_from_row(row, existing, self._consents(row, existing))
            person = with_notice_version(self.conn, cleaned_person(person))
            problems += row_problems(row, validate_person(person, self.today), PERSON_COLUMNS)
            self.person_ids.setdefault(ref, person.id)
            if problems or row.number in repeats:
                self.plan.problems += problems
                continue
            self.plan.note(self.plan.people, "people", existing, person)

    def _consents(self, row: ParsedRow, existing: Person | None) -> list[Consent]:
        """The earlier consents of a person in PeerLog, when the row's consent date is not
        that of the consent in force."""
        consent_on = row.date("consent_on")
        if existing is None or existing.consent is None or consent_on is None:
            return []
        if existing.consent.recorded_on == consent_on:
            return []
        return consents_repo.consent_history(self.conn, local_id(self.conn, "people", existing.id))

    def _volunteers(self, rows: list[ParsedRow]) -> None:
        repeats = self._duplicates(rows, lambda r: r.text("ref").casefold(), "This reference")
        for row in rows:
            self.tick()
            ref = row.text("ref").casefold()
            existing_id = self.volunteers_in_database.get(ref)
            existing = (
                volunteers_repo.get_volunteer(self.conn, existing_id) if existing_id else None
            )
            volunteer = cleaned_volunteer(volunteer_from_row(row, existing))
            problems = row_problems(
                row,
                validate_volunteer(replace(volunteer, training=()), self.today),
                VOLUNTEER_COLUMNS,
            )
            self.volunteer_ids.setdefault(ref, volunteer.id)
            if problems or row.number in repeats:
                self.plan.problems += problems
                continue
            tally(self.plan, "volunteers", existing, volunteer)
            self.volunteers[volunteer.id] = volunteer
            self.volunteers_before[volunteer.id] = existing

    def _volunteer(self, row: ParsedRow, column: str) -> Volunteer | None:
        """The volunteer a row refers to, as it will be saved; None when there is none (a
        problem, reported here or on the volunteer's own row)."""
        volunteer_id = self.referred_id(row, column, self.volunteer_ids, "volunteer", "volunteers")
        if volunteer_id is None:
            return None
        if volunteer_id not in self.volunteers:
            if volunteer_id in self.volunteers_before:
                return None
            try:
                found = volunteers_repo.get_volunteer(self.conn, volunteer_id)
            except RecordNotFound:  # a volunteer row of this import, with a problem
                return None
            self.volunteers[volunteer_id] = self.volunteers_before[volunteer_id] = found
        return self.volunteers[volunteer_id]

    def referred_id(
        self, row: ParsedRow, column: str, ids: dict[str, str], what: str, sheet: SheetName
    ) -> str | None:
        ref = row.text(column)
        found = ids.get(ref.casefold())
        if found is None and ref.casefold() not in self.bad_refs.get(sheet, set()):
            self.plan.problems.append(
                row.problem(
                    column,
                    f"There is no {what} with this reference, in {sheet} or already in PeerLog. "
                    f"Check the reference, or add the {what}.",
                )
            )
        return found

    def _training(self, rows: list[ParsedRow]) -> None:
        seen: dict[tuple[str, str, date | None], int] = {}
        for row in rows:
            self.tick()
            volunteer = self._volunteer(row, "volunteer_ref")
            if volunteer is None:
                continue
            course = " ".join(row.text("course").split()).casefold()
            key = (volunteer.id, course, row.date("completed_on"))
            if self.repeated(seen, key, row, "course", "This volunteer's course and date"):
                continue
            record = training_from_row(row, volunteer.training)
            problems = row_problems(row, validate_training(record, self.today), TRAINING_COLUMNS)
            if problems:
                self.plan.problems += problems
                continue
            before = next((t for t in volunteer.training if t.id == record.id), None)
            tally(self.plan, "training", before, record)
            kept = tuple(t for t in volunteer.training if t.id != record.id)
            self.volunteers[volunteer.id] = replace(volunteer, training=(*kept, record))

    def _finish_volunteers(self) -> None:
        for volunteer_id, volunteer in self.volunteers.items():
            before = self.volunteers_before[volunteer_id]
            if before is None:
                self.plan.volunteers.new.append(volunteer)
            elif _sorted_training(before) != _sorted_training(volunteer):
                self.plan.volunteers.changed.append(volunteer)

    # Sessions, attendance and hours ---------------------------------------------------------

    def _sessions(self, rows: list[ParsedRow]) -> None:
        repeats = self._duplicates(
            rows, lambda r: session_id_for(r.text("ref"), self.namespace), "This reference"
        )
        ids = {session_id_for(r.text("ref"), self.namespace) for r in rows}
        in_database = existing_ids(self.conn, "sessions", ids)
        for row in rows:
            self.tick()
            ref = row.text("ref")
            session_id = session_id_for(ref, self.namespace)
            self.session_ids[ref.casefold()] = session_id
            if len(ref) > SESSION_REF_MAX:
                self.plan.problems.append(
                    row.problem("ref", f"Keep the reference to {SESSION_REF_MAX} characters.")
                )
                continue
            found, facilitators = self._facilitators(row)
            if row.number in repeats or not found:
                continue
            existing = (
                sessions_repo.get_session(self.conn, session_id)
                if session_id in in_database
                else None
            )
            session = session_from_row(row, existing, session_id, facilitators)
            self.sessions[session_id] = cleaned_session(session)
            self.sessions_before[session_id] = existing
            self.session_rows[session_id] = row

    def _facilitators(self, row: ParsedRow) -> tuple[bool, tuple[str, ...] | None]:
        """Whether all were found, and their ids (None: the file has no facilitators column)."""
        if not row.has("facilitators"):
            return True, None
        ids = []
        for ref in row.items("facilitators"):
            found = self.volunteer_ids.get(ref.casefold())
            if found is None and ref.casefold() in self.bad_refs.get("volunteers", set()):
                return False, None  # the volunteer's own row has a problem, reported there
            if found is None:
                self.plan.problems.append(
                    row.problem(
                        "facilitators",
                        f"There is no volunteer with the reference {ref}, in volunteers or "
                        "already in PeerLog. Check the reference, or add the volunteer.",
                    )
                )
                return False, None
            ids.append(found)
        return True, tuple(ids)

    def _attendance(self, rows: list[ParsedRow]) -> None:
        self.resolve_session_refs({r.text("session_ref") for r in rows})
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            self.tick()
            found_session = self.referred_id(
                row, "session_ref", self.session_ids, "session", "sessions"
            )
            person_id = self.referred_id(row, "person_ref", self.person_ids, "person", "people")
            if found_session is None or person_id is None:
                continue
            session_id = found_session
            what = "This person's attendance at this session"
            if self.repeated(seen, (session_id, person_id), row, "person_ref", what):
                continue
            session = self.session_for(session_id, row)
            if session is None:
                continue
            if person_id in session.attendee_ids:
                self.plan.count("attendance").unchanged += 1
                continue
            self.plan.count("attendance").added += 1
            self.sessions[session_id] = replace(
                session, attendee_ids=(*session.attendee_ids, person_id)
            )

    def resolve_session_refs(self, refs: set[str]) -> None:
        """Learn the ids of the sessions these references name that are already in PeerLog."""
        outside = {
            session_id_for(ref, self.namespace): ref
            for ref in refs
            if ref and ref.casefold() not in self.session_ids
        }
        for session_id in existing_ids(self.conn, "sessions", outside):
            self.session_ids[outside[session_id].casefold()] = session_id

    def session_for(self, session_id: str, row: ParsedRow) -> Session | None:
        if session_id in self.sessions:
            return self.sessions[session_id]
        if session_id in self.session_ids_in_file:
            return None  # its own row has a problem, reported there
        existing = sessions_repo.get_session(self.conn, session_id)
        self.sessions[session_id] = self.sessions_before[session_id] = existing
        self.session_rows[session_id] = row
        return existing

    def _finish_sessions(self) -> None:
        in_file = self.session_ids_in_file
        for session_id, session in self.sessions.items():
            before = self.sessions_before[session_id]
            row = self.session_rows[session_id]
            problems = row_problems(row, validate_session(session, self.today), SESSION_COLUMNS)
            if problems:
                self.plan.problems += problems
                continue
            if session_id in in_file:
                tally(self.plan, "sessions", before, session)
            if before is None:
                self.plan.sessions.new.append(session)
            elif before != session:
                self.plan.sessions.changed.append(session)


def _sorted_training(volunteer: Volunteer) -> Volunteer:
    return replace(volunteer, training=tuple(sorted(volunteer.training, key=lambda t: t.id)))
