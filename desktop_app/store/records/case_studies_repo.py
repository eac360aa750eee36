"""Case studies (people's stories)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.listing import Page, Paged
from desktop_app.store.columns import date_text, to_required_date
from desktop_app.store.conditions import Conditions, ListQuery, fetch_page
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import delete_record, local_ids, update_record

_QUERY = ListQuery(
    columns="p.uuid, c.written_on, c.title, c.body, c.consent_to_share, c.uuid, c.created_at, "
    "c.updated_at",
    table="case_studies",
    alias="c",
    joins="JOIN people p ON p.id = c.person_id",
)


# The person's consent in force (the latest) still agrees to sharing their story; with no
# consent record at all, the case study's own flag decides.
STORY_SHARING_STANDS = (
    "COALESCE((SELECT k.share_story = 1 AND k.share_story_withdrawn_on IS NULL FROM consents k "
    "WHERE k.person_id = c.person_id ORDER BY k.recorded_on DESC, k.id DESC LIMIT 1), 1) = 1"
)


def insert_case_studies(conn: Connection, studies: Sequence[CaseStudy], now: str) -> None:
    people = local_ids(conn, "people", [s.person_id for s in studies])
    conn.executemany(
        "INSERT INTO case_studies(uuid, person_id, written_on, title, body, consent_to_share, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                s.id,
                people[s.person_id],
                date_text(s.written_on),
                s.title,
                s.text,
                int(s.consent_to_share),
                now,
                now,
            )
            for s in studies
        ),
    )


def update_case_study(conn: Connection, study: CaseStudy, now: str) -> None:
    person = local_ids(conn, "people", [study.person_id])[study.person_id]
    update_record(
        conn,
        "case_studies",
        "person_id, written_on, title, body, consent_to_share",
        (person, date_text(study.written_on), study.title, study.text, int(study.consent_to_share)),
        now,
        study.id,
    )


def delete_case_study(conn: Connection, study_id: str) -> None:
    delete_record(conn, "case_studies", study_id)


def get_case_study(conn: Connection, study_id: str) -> CaseStudy:
    row = conn.execute(f"{_QUERY.select()} WHERE c.uuid = ?", (study_id,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return _case_study(row)


def list_case_studies(
    conn: Connection, page: Page, person_id: str | None = None, shareable_only: bool = False
) -> Paged[CaseStudy]:
    """Newest first; for one person, or everyone."""
    where = Conditions()
    if person_id is not None:
        where.add("c.person_id = ?", local_ids(conn, "people", [person_id])[person_id])
    if shareable_only:
        where.add(f"c.consent_to_share = 1 AND {STORY_SHARING_STANDS}")
    return fetch_page(
        conn,
        _QUERY,
        where,
        "ORDER BY c.written_on DESC, c.id DESC",
        page,
        _case_study,
    )


def _case_study(row: tuple[object, ...]) -> CaseStudy:
    person, written_on, title, body, share, uuid, created, updated = row
    return CaseStudy(
        person_id=str(person),
        written_on=to_required_date(str(written_on)),
        title=str(title),
        text=str(body),
        consent_to_share=bool(share),
        id=str(uuid),
        created_at=str(created),
        updated_at=str(updated),
    )
