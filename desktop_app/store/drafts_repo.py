"""Drafts in the encrypted database (see m0005)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop_app.domain.drafts import Draft, DraftKind, DraftSubject, is_about
from desktop_app.store.connection import Connection

_COLUMNS = "uuid, kind, record_id, title, fields, saved_at"


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
        f"SELECT {_COLUMNS} FROM drafts WHERE user_id = ? ORDER BY saved_at, id", (user_id,)
    ).fetchall()
    return _drafts(rows)


def subject_of(conn: Connection, person_id: str, volunteer_ids: Sequence[str] = ()) -> DraftSubject:
    """The person as drafts may hold them: ids, reference and the name they are known by."""
    row = conn.execute("SELECT ref, known_as FROM people WHERE uuid = ?", (person_id,)).fetchone()
    ref, name = row if row else ("", "")
    return DraftSubject((person_id, *volunteer_ids), ref, name)


def drafts_about(conn: Connection, subject: DraftSubject) -> list[Draft]:
    """Every draft about `subject` (see `DraftSubject`), oldest first, whoever kept them.
    Drafts name no foreign key: SQL narrows them down by text, `is_about` decides."""
    conditions = ["record_id = ?"] * len(subject.ids)
    conditions += ["instr(fields, ?) > 0 OR instr(title, ?) > 0"] * len(subject.search_texts)
    params = [*subject.ids, *(p for t in subject.search_texts for p in (t, t))]
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM drafts WHERE {' OR '.join(conditions) or '0'} "
        "ORDER BY saved_at, id",
        params,
    ).fetchall()
    return [draft for draft in _drafts(rows) if is_about(draft, subject)]


def delete_drafts_about(conn: Connection, person_id: str) -> None:
    for draft in drafts_about(conn, subject_of(conn, person_id)):
        delete_draft(conn, draft.id)


def _drafts(rows: Sequence[tuple[str, str, str, str, str, str]]) -> list[Draft]:
    return [
        Draft(DraftKind(kind), record_id, json.loads(fields), title, saved_at, uuid)
        for uuid, kind, record_id, title, fields, saved_at in rows
    ]


def delete_draft(conn: Connection, draft_id: str) -> None:
    conn.execute("DELETE FROM drafts WHERE uuid = ?", (draft_id,))
