"""The safeguarding log: raise a concern about a person or a session, record what was done,
mark it resolved. Every write goes through `access.change`.

Who sees what is decided here, not in the window: a coordinator sees and changes every concern;
a peer support lead sees and changes only those they raised. A concern another user raised is,
for a lead, as if it were not there (RecordNotFound), so that its existence is not disclosed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.safeguarding import Concern, ConcernRow, cleaned_concern, validate_concern
from desktop_app.services.access import allowed, change, current_user_id
from desktop_app.services.validation import refuse
from desktop_app.store.connection import Connection
from desktop_app.store.database import Database, utc_now
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.records import safeguarding_repo
from desktop_app.store.records.safeguarding_repo import ConcernFilter

EVERYTHING = Page(limit=100_000)
AUDIT_KIND = "safeguarding concern"


def _seen_by(db: Database) -> str | None:
    """The user whose concerns the current user may see (None: everybody's)."""
    return None if allowed(db, Permission.SEE_ALL_CONCERNS) else current_user_id(db)


def _visible(db: Database, conn: Connection, concern_id: str) -> ConcernRow:
    row = safeguarding_repo.get_concern_row(conn, concern_id)
    raiser = _seen_by(db)
    if raiser is not None and row.concern.raised_by != raiser:
        raise RecordNotFound("That concern is not one you raised: only a coordinator can open it.")
    return row


def raise_concern(db: Database, concern: Concern) -> ConcernRow:
    """Save a new concern (raised by the current user) with any actions already taken."""
    c = replace(cleaned_concern(concern), raised_by=current_user_id(db), resolved_by="")
    if c.resolved_on is not None:
        c = replace(c, resolved_by=current_user_id(db))
    refuse(validate_concern(c, date.today()))
    with change(db, Permission.LOG_RECORDS) as work:
        safeguarding_repo.insert_concerns(work.conn, [c], utc_now())
        work.record(Action.CREATE, AUDIT_KIND, c.id)
        if c.resolved_on is not None:
            work.record(Action.RESOLVE, AUDIT_KIND, c.id)
        return safeguarding_repo.get_concern_row(work.conn, c.id)


def update_concern(db: Database, concern: Concern) -> ConcernRow:
    """Save changes to a concern the current user may change. Who raised it never changes; who
    resolved it is the current user when it becomes resolved, and is cleared if it reopens."""
    with change(db, Permission.LOG_RECORDS) as work:
        before = _visible(db, work.conn, concern.id).concern
        c = replace(cleaned_concern(concern), raised_by=before.raised_by)
        resolving = before.resolved_on is None and c.resolved_on is not None
        if resolving:
            c = replace(c, resolved_by=current_user_id(db))
        elif c.resolved_on is not None:
            c = replace(c, resolved_by=before.resolved_by)
        refuse(validate_concern(c, date.today(), was_kind=before.kind))
        safeguarding_repo.update_concern(work.conn, c, utc_now())
        work.record(Action.CHANGE, AUDIT_KIND, c.id)
        if resolving:
            work.record(Action.RESOLVE, AUDIT_KIND, c.id)
        return safeguarding_repo.get_concern_row(work.conn, c.id)


def mark_resolved(db: Database, concern: Concern, on: date | None = None) -> ConcernRow:
    """Save the concern as resolved on `on` (today) by the current user."""
    return update_concern(db, replace(concern, resolved_on=on or date.today()))


def get_concern(db: Database, concern_id: str) -> ConcernRow:
    return _visible(db, db.connection(), concern_id)


def list_concerns(
    db: Database,
    open_only: bool = False,
    person_id: str | None = None,
    session_id: str | None = None,
    page: Page | None = None,
) -> Paged[ConcernRow]:
    """The concerns the current user may see: open ones first (the longest open at the top),
    then resolved ones."""
    f = ConcernFilter(_seen_by(db), person_id, session_id, open_only)
    return safeguarding_repo.list_concern_rows(db.connection(), f, page or EVERYTHING)


def open_concerns(db: Database) -> list[ConcernRow]:
    """The concerns not yet resolved that the current user may see, the longest open first."""
    return list_concerns(db, open_only=True).rows
