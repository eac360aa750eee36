"""Listing volunteers with what a coordinator chases them for: DBS checks, training, hours and
when they last gave time, in one query with the counts and dates computed in SQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop_app.domain.listing import Page, Paged, TrainingState, VolunteerFilter, VolunteerRow
from desktop_app.domain.renewals import ATTENTION_WINDOW_DAYS, Renewal, renewal
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.volunteers import dbs_due_on, hours_in
from desktop_app.store.columns import date_text, to_date
from desktop_app.store.conditions import contains, order_by, search_pattern
from desktop_app.store.connection import Connection
from desktop_app.store.records.volunteers_repo import LATEST_OF_ITS_COURSE, active_volunteer

# The last session a volunteer facilitated. Reading every session they ever ran costs a
# table lookup each (100 ms for 200 volunteers over ten busy years), so first walk back through
# the sessions since :recent, newest first, which finds anyone who facilitated lately from the
# indexes alone (a few ms); only the others need every session they ran.
RECENT_DAYS = 90
_LAST_SESSION = (
    "COALESCE("
    "  (SELECT s.held_on FROM sessions s WHERE s.held_on >= :recent AND EXISTS "
    "   (SELECT 1 FROM session_facilitators f WHERE f.session_id = s.id AND f.volunteer_id = v.id)"
    "   ORDER BY s.held_on DESC LIMIT 1), "
    "  (SELECT MAX(s.held_on) FROM session_facilitators f JOIN sessions s ON s.id = f.session_id "
    "   WHERE f.volunteer_id = v.id))"
)
# Each volunteer's figures, from the indexes on (volunteer_id, ...).
_LISTED = (
    "SELECT v.id, v.uuid, v.ref, v.name, v.dbs_checked_on, "
    f"  {active_volunteer()} AS active, "
    "  (SELECT COALESCE(SUM(h.minutes), 0) FROM volunteer_hours h WHERE h.volunteer_id = v.id "
    "   AND h.worked_on BETWEEN :start AND :end) AS hours, "
    "  (SELECT MAX(h.worked_on) FROM volunteer_hours h WHERE h.volunteer_id = v.id) "
    "   AS last_hours, "
    f"  {_LAST_SESSION} AS last_session "
    "FROM volunteers v"
)
# The latest record of each course, per volunteer. With one MIN(), SQLite takes the bare
# `course` from the row holding that minimum: the course that runs out first.
_TRAINING = (
    "SELECT t.volunteer_id, COUNT(*) AS courses, MIN(t.expires_on) AS next_expiry, "
    "  t.course AS next_course, TOTAL(t.expires_on <= :horizon) AS due "
    f"FROM training_records t WHERE {LATEST_OF_ITS_COURSE} GROUP BY t.volunteer_id"
)
_LAST_ACTIVE = "MAX(COALESCE(l.last_hours, l.last_session), COALESCE(l.last_session, l.last_hours))"
_COLUMNS = (
    f"l.uuid, l.ref, l.name, l.active, l.hours, {_LAST_ACTIVE}, "
    "l.dbs_checked_on, COALESCE(t.courses, 0), t.next_expiry, t.next_course, t.due"
)
_BY_NAME = "l.name COLLATE NOCASE"
# Current volunteers come before those who have left, whichever the order. Nothing recorded
# sorts first, then the soonest (or longest overdue) renewal.
_SORT_COLUMNS = {
    "name": (_BY_NAME,),
    "ref": ("l.ref COLLATE NOCASE",),
    "dbs": ("l.dbs_checked_on", _BY_NAME),  # due a fixed number of years after the check
    "training": (
        "CASE WHEN t.courses IS NULL THEN '' ELSE COALESCE(t.next_expiry, '9999-12-31') END",
        _BY_NAME,
    ),
    "hours": ("l.hours", _BY_NAME),
    "last_active": (_LAST_ACTIVE, _BY_NAME),
}


def list_volunteer_rows(
    conn: Connection,
    f: VolunteerFilter,
    page: Page,
    today: date,
    hours_period: Period,
    dbs_years: int,
) -> Paged[VolunteerRow]:
    """Volunteers matching `f`, sorted and paged, with hours in `hours_period` and their DBS
    checks (renewed every `dbs_years`) and training as they stand on `today`."""
    where, params = _conditions(f)
    params |= {
        "today": date_text(today),
        "start": date_text(hours_period.start),
        "end": date_text(hours_period.end),
        "horizon": date_text(today + timedelta(days=ATTENTION_WINDOW_DAYS)),
        "recent": date_text(today - timedelta(days=RECENT_DAYS)),
        "limit": max(page.limit, 0),
        "offset": max(page.offset, 0),
    }
    (total,) = conn.execute(f"SELECT COUNT(*) FROM volunteers v {where}", params).fetchone()
    rows = conn.execute(
        f"WITH l AS ({_LISTED} {where}), t AS ({_TRAINING}) "
        f"SELECT {_COLUMNS} FROM l LEFT JOIN t ON t.volunteer_id = l.id "
        f"{order_by(_SORT_COLUMNS[f.sort], f.descending, 'l.id', ('l.active DESC',))} "
        "LIMIT :limit OFFSET :offset",
        params,
    )
    return Paged([_row(row, today, dbs_years) for row in rows], int(total), page)


def _conditions(f: VolunteerFilter) -> tuple[str, dict[str, object]]:
    """The WHERE clause over `volunteers v`, with its named parameters (`:today` is given
    by the caller)."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    pattern = search_pattern(f.text)
    if pattern is not None:
        clauses.append(contains(("v.name", "v.ref"), ":text"))
        params["text"] = pattern
    if not f.include_ended:
        clauses.append(active_volunteer())
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _row(row: tuple[Any, ...], today: date, dbs_years: int) -> VolunteerRow:
    uuid, ref, name, active, hours, last_active, dbs_checked = row[:7]
    courses, next_expiry, next_course, due = row[7:]
    checked_on = to_date(dbs_checked)
    dbs_due = None if checked_on is None else dbs_due_on(checked_on, dbs_years)
    expiry = to_date(next_expiry)
    if courses == 0:
        training = TrainingState(0, Renewal.NOT_RECORDED, None, "", 0)
    else:
        state = Renewal.IN_DATE if expiry is None else renewal(expiry, today)
        course = "" if expiry is None else next_course
        training = TrainingState(courses, state, expiry, course, int(due or 0))
    return VolunteerRow(
        id=uuid,
        ref=ref,
        name=name,
        active=bool(active),
        hours=hours_in(int(hours)),
        last_active_on=to_date(last_active),
        dbs_due_on=dbs_due,
        dbs=renewal(dbs_due, today),
        training=training,
    )
