"""People supported: saving, reading, finding and listing them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.domain.listing import Page, Paged, PeopleFilter, PersonRow
from desktop_app.domain.people import Person, PersonSummary
from desktop_app.store.columns import (
    date_text,
    like_pattern,
    prefix_pattern,
    to_date,
)
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page, order_by
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import (
    delete_record,
    in_given_order,
    local_id,
    local_ids,
    update_record,
)
from desktop_app.store.protection import consents_repo
from desktop_app.store.record_keys import new_record_key

_FIELDS = (
    "ref, known_as, year_of_birth, gender, ethnic_group, disability, postcode_district, "
    "referral_source, first_contact, notes, archived"
)
_LIST = ListQuery(
    columns="p.uuid, p.ref, p.known_as, p.year_of_birth, p.first_contact, "
    "(SELECT MAX(s.held_on) FROM attendances a JOIN sessions s ON s.id = a.session_id "
    " WHERE a.person_id = p.id), "
    "EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id), p.archived",
    table="people",
    alias="p",
)
_SORT_COLUMNS = {
    "name": ("p.known_as COLLATE NOCASE",),
    "ref": ("p.ref",),
    "first_contact": ("p.first_contact",),
}


def _values(p: Person) -> tuple[Any, ...]:
    return (
        p.ref,
        p.known_as,
        p.year_of_birth,
        p.gender,
        p.ethnic_group,
        p.disability,
        p.postcode_district,
        p.referral_source,
        date_text(p.first_contact),
        p.notes,
        int(p.archived),
    )


def insert_people(conn: Connection, people: Sequence[Person], now: str) -> None:
    """Insert people (each with a reference already chosen) and their consent records."""
    conn.executemany(
        f"INSERT INTO people(uuid, {_FIELDS}, record_key, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((p.id, *_values(p), new_record_key(), now, now) for p in people),
    )
    with_consent = [p for p in people if p.consent is not None]
    if with_consent:
        ids = local_ids(conn, "people", [p.id for p in with_consent])
        consents_repo.insert_consents(
            conn, ((ids[p.id], p.consent) for p in with_consent if p.consent), now
        )


def update_person(conn: Connection, person: Person, now: str) -> None:
    update_record(conn, "people", _FIELDS, _values(person), now, person.id)
    if person.consent is not None:
        consents_repo.save_consent(conn, local_id(conn, "people", person.id), person.consent, now)


def set_archived(conn: Connection, person_id: str, archived: bool, now: str) -> None:
    update_record(conn, "people", "archived", (int(archived),), now, person_id)


def delete_person(conn: Connection, person_id: str) -> None:
    delete_record(conn, "people", person_id)


def get_person(conn: Connection, person_id: str) -> Person:
    row = conn.execute(
        f"SELECT id, uuid, {_FIELDS}, created_at, updated_at FROM people WHERE uuid = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise RecordNotFound()
    (key, uuid, ref, known_as, yob, gender, ethnic, disability, district, source) = row[:10]
    first_contact, notes, archived, created, updated = row[10:]
    return Person(
        known_as=known_as,
        ref=ref,
        year_of_birth=yob,
        gender=gender,
        ethnic_group=ethnic,
        disability=disability,
        postcode_district=district,
        referral_source=source,
        first_contact=to_date(first_contact),
        consent=consents_repo.current_consent(conn, key),
        notes=notes,
        archived=bool(archived),
        id=uuid,
        created_at=created,
        updated_at=updated,
    )


def find_people(
    conn: Connection, text: str, limit: int = 20, include_archived: bool = False
) -> list[PersonSummary]:
    """People whose name or reference contains `text`, best matches first: the reference
    exactly, the name exactly, the start of the reference, the start of the name, the start of
    a later word of the name, then anywhere."""
    query = " ".join(text.split())
    if not query:
        return []
    anywhere, prefix = like_pattern(query), prefix_pattern(query)
    rows = conn.execute(
        "SELECT uuid, ref, known_as, archived FROM people "
        "WHERE (ref LIKE :anywhere ESCAPE '\\' OR known_as LIKE :anywhere ESCAPE '\\') "
        "AND (:all OR archived = 0) "
        "ORDER BY CASE WHEN ref = :q THEN 0 "
        "WHEN known_as = :q COLLATE NOCASE THEN 1 "
        "WHEN ref LIKE :prefix ESCAPE '\\' THEN 2 "
        "WHEN known_as LIKE :prefix ESCAPE '\\' THEN 3 "
        "WHEN known_as LIKE :word ESCAPE '\\' THEN 4 ELSE 5 END, "
        "archived, known_as COLLATE NOCASE, ref LIMIT :limit",
        {
            "q": query,
            "anywhere": anywhere,
            "prefix": prefix,
            "word": f"% {prefix}",
            "all": int(include_archived),
            "limit": limit,
        },
    )
    return [_summary(row) for row in rows]


def summaries(conn: Connection, person_ids: Sequence[str]) -> list[PersonSummary]:
    """The people with these ids, in the order given."""
    return in_given_order(
        conn,
        "SELECT uuid, ref, known_as, archived FROM people WHERE uuid IN ({marks})",
        person_ids,
        _summary,
    )


def _summary(row: tuple[Any, ...]) -> PersonSummary:
    uuid, ref, known_as, archived = row
    return PersonSummary(uuid, ref, known_as, bool(archived))


def list_people(conn: Connection, filter: PeopleFilter, page: Page) -> Paged[PersonRow]:
    where = Conditions()
    if filter.archived != "all":
        where.add("p.archived = ?", int(filter.archived == "archived"))
    where.add_search(filter.text, "p.ref", "p.known_as")
    return fetch_page(
        conn,
        _LIST,
        where,
        order_by(_SORT_COLUMNS[filter.sort], filter.descending, "p.id"),
        page,
        _person_row,
    )


def _person_row(row: tuple[Any, ...]) -> PersonRow:
    uuid, ref, known_as, year_of_birth, first_contact, last_attended, consent, archived = row
    return PersonRow(
        id=uuid,
        ref=ref,
        known_as=known_as,
        year_of_birth=year_of_birth,
        first_contact=to_date(first_contact),
        last_attended=to_date(last_attended),
        has_consent=bool(consent),
        archived=bool(archived),
    )
