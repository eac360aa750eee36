"""Drafts in the encrypted database (see m0005)."""

from __future__ import annotations

import json

from desktop_app.domain.drafts import Draft, DraftKind
from desktop_app.store.connection import Connection


def insert_draft(conn: Connection, user_id: str, draft: Draft, saved_at: str) -> None:
    conn.execute(
        "INSERT INTO drafts(uuid, user_id, kind, record_id, title, fields, saved_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            draft.id,
            user_id,
            draft.kind.value,
            draft.record_id,
            draft.title,
            json.dumps(draft.fields, ensure_ascii=False),
            saved_at,
        ),
    )


def drafts_of(conn: Connection, user_id: str) -> list[Draft]:
    """The user's drafts, oldest first."""
    rows = conn.execute(
        "SELECT uuid, kind, record_id, title, fields, saved_at FROM drafts "
        "WHERE user_id = ? ORDER BY saved_at, id",
        (user_id,),
    ).fetchall()
    return [
        Draft(DraftKind(kind), record_id, json.loads(fields), title, saved_at, uuid)
        for uuid, kind, record_id, title, fields, saved_at in rows
    ]


def delete_draft(conn: Connection, draft_id: str) -> None:
    conn.execute("DELETE FROM drafts WHERE uuid = ?", (draft_id,))
