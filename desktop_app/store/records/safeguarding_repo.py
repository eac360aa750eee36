"""The safeguarding log: concerns, with the actions taken about each, read and saved together.

A list shows open concerns first (the longest open at the top), then resolved ones (the latest
resolved first). `raised_by` narrows any read to the concerns one user raised (a peer support
lead sees only their own: the service decides)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.safeguarding import Concern, ConcernAction, ConcernRow
from desktop_app.store.columns import date_text, to_date, to_required_date
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import local_id, update_record

_FIELDS = (
    "person_id, session_id, raised_on, raised_by, kind, what_happened, passed_to, resolved_on, "
    "resolved_by"
)
_QUERY = ListQuery(
    columns="c.uuid, p.uuid, s.uuid, c.raised_on, c.raised_by, c.kind, c.what_happened, "
    "c.passed_to, c.resolved_on, c.resolved_by, c.created_at, c.updated_at, "
    "COALESCE(p.known_as, ''), COALESCE(p.ref, ''), s.held_on, COALESCE(s.kind, ''), "
    "COALESCE(u.name, ''), c.id",
    table="safeguarding_concerns",
    alias="c",
    joins="LEFT JOIN people p ON p.id = c.person_id LEFT JOIN sessions s ON s.id = c.session_id "
    "LEFT JOIN users u ON u.id = c.raised_by",
)
_OPEN_FIRST = (
    "ORDER BY c.resolved_on IS NOT NULL, CASE WHEN c.resolved_on IS NULL THEN c.raised_on END, "
    "c.resolved_on DESC, c.id"
)


@dataclass(frozen=True)
class ConcernFilter:
    raised_by: str | None = None  # only those this user raised
    person_id: str | None = None  # only those about this person
    session_id: str | None = None  # only those about this session
    open_only: bool = False


def _values(conn: Connection, c: Concern) -> tuple[Any, ...]:
    person = local_id(conn, "people", c.person_id) if c.person_id else None
    session = local_id(conn, "sessions", c.session_id) if c.session_id else None
    return (
        person,
        session,
        date_text(c.raised_on),
        c.raised_by,
        c.kind,
        c.what_happened,
        c.passed_to,
        date_text(c.resolved_on),
        c.resolved_by,
    )


def insert_concerns(conn: Connection, concerns: Sequence[Concern], now: str) -> None:
    for c in concerns:
        conn.execute(
            f"INSERT INTO safeguarding_concerns(uuid, {_FIELDS}, created_at, updated_at) "
            f"VALUES (?, {', '.join('?' * 9)}, ?, ?)",
            (c.id, *_values(conn, c), now, now),
        )
        _save_actions(conn, c, now)


def update_concern(conn: Connection, concern: Concern, now: str) -> None:
    update_record(conn, "safeguarding_concerns", _FIELDS, _values(conn, concern), now, concern.id)
    _save_actions(conn, concern, now)


def _save_actions(conn: Connection, concern: Concern, now: str) -> None:
    """The concern's actions as given: new ones added, changed ones changed, others gone."""
    key = local_id(conn, "safeguarding_concerns", concern.id)
    saved = {a.id: a for a in _actions_of(conn, [key]).get(key, [])}
    kept = {a.id for a in concern.actions}
    for gone in set(saved) - kept:
        conn.execute("DELETE FROM safeguarding_actions WHERE uuid = ?", (gone,))
    for a in concern.actions:
        values = (date_text(a.taken_on), a.what, a.by_whom)
        if a.id not in saved:
            conn.execute(
                "INSERT INTO safeguarding_actions(uuid, concern_id, taken_on, what, by_whom, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (a.id, key, *values, now, now),
            )
        elif (a.taken_on, a.what, a.by_whom) != (
            saved[a.id].taken_on,
            saved[a.id].what,
            saved[a.id].by_whom,
        ):
            update_record(
                conn, "safeguarding_actions", "taken_on, what, by_whom", values, now, a.id
            )


def get_concern_row(conn: Connection, concern_id: str) -> ConcernRow:
    row = conn.execute(f"{_QUERY.select()} WHERE c.uuid = ?", (concern_id,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return _with_actions(conn, [row])[0]


def list_concern_rows(conn: Connection, f: ConcernFilter, page: Page) -> Paged[ConcernRow]:
    """Open concerns first (the longest open at the top), then resolved ones."""
    where = Conditions()
    if f.raised_by is not None:
        where.add("c.raised_by = ?", f.raised_by)
    if f.person_id is not None:
        where.add("c.person_id = ?", local_id(conn, "people", f.person_id))
    if f.session_id is not None:
        where.add("c.session_id = ?", local_id(conn, "sessions", f.session_id))
    if f.open_only:
        where.add("c.resolved_on IS NULL")
    found = fetch_page(conn, _QUERY, where, _OPEN_FIRST, page, lambda row: row)
    return Paged(_with_actions(conn, found.rows), found.total, found.page)


def _with_actions(conn: Connection, rows: Sequence[Any]) -> list[ConcernRow]:
    actions = _actions_of(conn, [int(row[-1]) for row in rows])
    return [_concern_row(row, tuple(actions.get(int(row[-1]), []))) for row in rows]


def _actions_of(conn: Connection, keys: Sequence[int]) -> dict[int, list[ConcernAction]]:
    found: dict[int, list[ConcernAction]] = {}
    if not keys:
        return found
    rows = conn.execute(
        "SELECT concern_id, uuid, taken_on, what, by_whom, created_at, updated_at "
        f"FROM safeguarding_actions WHERE concern_id IN ({','.join('?' * len(keys))}) "
        "ORDER BY taken_on, id",
        list(keys),
    )
    for concern, uuid, taken_on, what, by_whom, created, updated in rows:
        found.setdefault(int(concern), []).append(
            ConcernAction(
                taken_on=to_required_date(taken_on),
                what=str(what),
                by_whom=str(by_whom),
                id=str(uuid),
                created_at=str(created),
                updated_at=str(updated),
            )
        )
    return found


def _concern_row(row: tuple[Any, ...], actions: tuple[ConcernAction, ...]) -> ConcernRow:
    uuid, person, session, raised_on, raised_by, kind, what, passed_to = row[:8]
    resolved_on, resolved_by, created, updated, name, ref, held_on, session_kind = row[8:16]
    raised_by_name = row[16]
    concern = Concern(
        raised_on=to_required_date(raised_on),
        kind=str(kind),
        what_happened=str(what),
        person_id=person,
        session_id=session,
        passed_to=str(passed_to),
        raised_by=str(raised_by),
        resolved_on=to_date(resolved_on),
        resolved_by=str(resolved_by),
        actions=actions,
        id=str(uuid),
        created_at=str(created),
        updated_at=str(updated),
    )
    return ConcernRow(
        concern, str(name), str(ref), to_date(held_on), str(session_kind), str(raised_by_name)
    )


def counts_between(conn: Connection, start: date, end: date) -> tuple[int, int]:
    """How many concerns were raised, and how many resolved, from `start` to `end`."""
    raised, resolved = conn.execute(
        "SELECT (SELECT COUNT(*) FROM safeguarding_concerns WHERE raised_on BETWEEN :s AND :e), "
        "(SELECT COUNT(*) FROM safeguarding_concerns WHERE resolved_on BETWEEN :s AND :e)",
        {"s": date_text(start), "e": date_text(end)},
    ).fetchone()
    return int(raised), int(resolved)


def concern_ids_about_person(conn: Connection, person_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT uuid FROM safeguarding_concerns WHERE person_id = ? ORDER BY id",
        (local_id(conn, "people", person_id),),
    )
    return [str(r[0]) for r in rows]
