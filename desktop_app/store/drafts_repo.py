"""Drafts in the encrypted database (see m0005)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from desktop_app.domain.drafts import Draft, DraftKind
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


def mentions_of_person(conn: Connection, person_id: str) -> list[str]:
    """What a draft about the person would hold: their id, reference or name (names under
    three letters are too common to match on)."""
    row = conn.execute("SELECT ref, known_as FROM people WHERE uuid = ?", (person_id,)).fetchone()
    ref, name = row if row else ("", "")
    return [t for t in (person_id, ref, name) if t and len(t) >= 3]


def drafts_about(conn: Connection, record_ids: Sequence[str], texts: Sequence[str]) -> list[Draft]:
    """Drafts name no foreign key: every draft of a form for one of `record_ids`, or whose
    fields or title mention one of `texts`, oldest first (whoever kept them)."""
    where, params = _about(record_ids, texts)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM drafts WHERE {where} ORDER BY saved_at, id", params
    ).fetchall()
    return _drafts(rows)


def delete_drafts_about(conn: Connection, person_id: str) -> None:
    where, params = _about([person_id], mentions_of_person(conn, person_id))
    conn.execute(f"DELETE FROM drafts WHERE {where}", params)


def _about(record_ids: Sequence[str], texts: Sequence[str]) -> tuple[str, list[str]]:
    conditions = ["record_id = ?"] * len(record_ids)
    conditions += ["instr(fields, ?) > 0 OR instr(title, ?) > 0"] * len(texts)
    params = [*record_ids, *(p for t in texts for p in (t, t))]
    return " OR ".join(conditions) or "0", params


def _drafts(rows: Sequence[tuple[str, str, str, str, str, str]]) -> list[Draft]:
    return [
        Draft(DraftKind(kind), record_id, json.loads(fields), title, saved_at, uuid)
        for uuid, kind, record_id, title, fields, saved_at in rows
    ]


def delete_draft(conn: Connection, draft_id: str) -> None:
    conn.execute("DELETE FROM drafts WHERE uuid = ?", (draft_id,))
