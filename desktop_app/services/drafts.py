"""Drafts of forms that were open when PeerLog locked: saved inside the encrypted database for
the user who was working, and offered to that user again after unlocking."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from desktop_app.domain.drafts import Draft, DraftKind
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.services.access import change, current_user_id
from desktop_app.store import drafts_repo
from desktop_app.store.database import Database, utc_now

log = logging.getLogger(__name__)


def save_drafts(db: Database, drafts: Sequence[Draft]) -> None:
    """Keep every draft, in one transaction."""
    if not drafts:
        return
    with change(db, Permission.LOG_RECORDS) as work:
        for draft in drafts:
            drafts_repo.insert_draft(work.conn, current_user_id(db), draft, utc_now())
            work.record(Action.CREATE, "draft", draft.id)
    log.info("Kept %d drafts", len(drafts))


def save_draft(
    db: Database, kind: DraftKind, record_id: str, fields: dict[str, Any], title: str = ""
) -> Draft:
    draft = Draft(kind, record_id, fields, title)
    save_drafts(db, [draft])
    return draft


def my_drafts(db: Database) -> list[Draft]:
    """The current user's drafts, oldest first."""
    return drafts_repo.drafts_of(db.connection(), current_user_id(db))


def discard_draft(db: Database, draft_id: str) -> None:
    """Once the draft is back on screen (or no longer wanted)."""
    with change(db, Permission.LOG_RECORDS) as work:
        drafts_repo.delete_draft(work.conn, draft_id)
        work.record(Action.DELETE, "draft", draft_id)
