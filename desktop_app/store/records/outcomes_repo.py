"""Outcome records, custom measures and organisation-supplied item wording, in SQL."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from desktop_app.domain.outcomes.change import FOLLOW_UPS, OutcomeRecord, Stage
from desktop_app.domain.outcomes.measures import Measure, custom_measure
from desktop_app.domain.outcomes.scoring import Score
from desktop_app.domain.returns.periods import Period
from desktop_app.store.columns import to_required_date
from desktop_app.store.connection import Connection
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.keys import delete_record, local_id, update_record

_SELECT = (
    "SELECT o.uuid, p.uuid, o.measure_code, o.stage, o.taken_on, o.item_scores, o.total, "
    "o.metric, o.complete FROM outcome_records o JOIN people p ON p.id = o.person_id "
)
_ORDER = " ORDER BY o.taken_on, o.id"


_WRITTEN = "measure_code, stage, taken_on, item_scores, total, metric, complete"


def _written_values(record: OutcomeRecord) -> tuple[object, ...]:
    score = record.score
    return (
        record.measure_code,
        record.stage.value,
        record.taken_on.isoformat(),
        json.dumps(list(score.items)) if score.items else None,
        score.total,
        score.metric,
        int(score.complete),
    )


def insert_outcome(conn: Connection, record: OutcomeRecord, now: str) -> None:
    conn.execute(
        f"INSERT INTO outcome_records(uuid, person_id, {_WRITTEN}, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.id,
            local_id(conn, "people", record.person_id),
            *_written_values(record),
            now,
            now,
        ),
    )


def update_outcome(conn: Connection, record: OutcomeRecord, now: str) -> None:
    """A corrected form: its measure, stage, date and scores (the person stays the same)."""
    update_record(conn, "outcome_records", _WRITTEN, _written_values(record), now, record.id)


def get_outcome(conn: Connection, record_id: str) -> OutcomeRecord:
    row = conn.execute(_SELECT + "WHERE o.uuid = ?", (record_id,)).fetchone()
    if row is None:
        raise RecordNotFound()
    return _record(row)


def delete_outcome(conn: Connection, record_id: str) -> None:
    delete_record(conn, "outcome_records", record_id)


def outcomes_for_person(conn: Connection, person_id: str) -> list[OutcomeRecord]:
    rows = conn.execute(_SELECT + "WHERE p.uuid = ?" + _ORDER, (person_id,))
    return [_record(row) for row in rows]


def outcomes_of_active_people(conn: Connection) -> list[OutcomeRecord]:
    """Every record of people who are not archived: what the due-for-review list looks at."""
    return [_record(row) for row in conn.execute(_SELECT + "WHERE p.archived = 0" + _ORDER)]


def change_inputs(conn: Connection, measure_code: str, period: Period) -> list[OutcomeRecord]:
    """The records of people with a follow-up on the measure in the period, up to its end:
    everything the pairing rule needs and nothing it does not."""
    follow_ups = sorted(stage.value for stage in FOLLOW_UPS)
    rows = conn.execute(
        _SELECT + "WHERE o.measure_code = ? AND o.taken_on <= ? AND o.person_id IN ("
        "  SELECT f.person_id FROM outcome_records f WHERE f.measure_code = ? "
        f"  AND f.stage IN ({', '.join('?' for _ in follow_ups)}) "
        "  AND f.taken_on BETWEEN ? AND ?)" + _ORDER,
        (
            measure_code,
            period.end.isoformat(),
            measure_code,
            *follow_ups,
            period.start.isoformat(),
            period.end.isoformat(),
        ),
    )
    return [_record(row) for row in rows]


def _record(row: Any) -> OutcomeRecord:
    record_id, person_id, code, stage, taken_on, items, total, metric, complete = row
    score = Score(
        items=tuple(json.loads(items)) if items else (),
        total=None if total is None else int(total),
        metric=None if metric is None else float(metric),
        complete=bool(complete),
    )
    return OutcomeRecord(
        person_id=str(person_id),
        measure_code=str(code),
        stage=Stage(stage),
        taken_on=to_required_date(taken_on),
        score=score,
        id=str(record_id),
    )


# Measures ------------------------------------------------------------------------------------


def insert_custom_measure(conn: Connection, measure: Measure, now: str) -> None:
    cursor = conn.execute(
        "INSERT INTO custom_measures(code, name, item_min, item_max, higher_is_better, "
        "threshold, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            measure.code,
            measure.name,
            measure.item_min,
            measure.item_max,
            int(measure.higher_is_better),
            measure.threshold,
            now,
            now,
        ),
    )
    _insert_items(conn, int(cursor.lastrowid), measure)


def _insert_items(conn: Connection, measure_id: int, measure: Measure) -> None:
    conn.executemany(
        "INSERT INTO custom_measure_items(measure_id, number, wording) VALUES (?, ?, ?)",
        [(measure_id, item.number, item.label) for item in measure.items],
    )


def update_custom_measure(conn: Connection, measure: Measure, now: str) -> None:
    """Store a custom measure's new name, questions and scoring (the caller has checked that
    scoring may change)."""
    measure_id = _custom_measure_id(conn, measure.code)
    conn.execute(
        "UPDATE custom_measures SET name = ?, item_min = ?, item_max = ?, higher_is_better = ?, "
        "threshold = ?, updated_at = ? WHERE id = ?",
        (
            measure.name,
            measure.item_min,
            measure.item_max,
            int(measure.higher_is_better),
            measure.threshold,
            now,
            measure_id,
        ),
    )
    conn.execute("DELETE FROM custom_measure_items WHERE measure_id = ?", (measure_id,))
    _insert_items(conn, measure_id, measure)


def set_custom_measure_stopped(conn: Connection, code: str, stopped_at: str | None) -> None:
    """Stop offering a custom measure on new forms (`stopped_at` is when), or offer it again
    (None)."""
    measure_id = _custom_measure_id(conn, code)
    conn.execute(
        "UPDATE custom_measures SET stopped_at = ?, updated_at = coalesce(?, updated_at) "
        "WHERE id = ?",
        (stopped_at, stopped_at, measure_id),
    )


def delete_custom_measure(conn: Connection, code: str) -> None:
    """Delete a custom measure and its questions (the caller has checked no scores use it)."""
    conn.execute("DELETE FROM custom_measures WHERE id = ?", (_custom_measure_id(conn, code),))


def scores_recorded(conn: Connection, measure_code: str) -> int:
    """How many outcome forms have been recorded with the measure."""
    row = conn.execute(
        "SELECT count(*) FROM outcome_records WHERE measure_code = ?", (measure_code,)
    ).fetchone()
    return int(row[0])


def _custom_measure_id(conn: Connection, code: str) -> int:
    row = conn.execute("SELECT id FROM custom_measures WHERE code = ?", (code,)).fetchone()
    if row is None:
        raise RecordNotFound(
            "This custom measure is no longer in the database (perhaps deleted meanwhile). "
            "Refresh and try again."
        )
    return int(row[0])


def custom_measures(conn: Connection) -> list[Measure]:
    wording: dict[int, list[str]] = {}
    for measure_id, text in conn.execute(
        "SELECT measure_id, wording FROM custom_measure_items ORDER BY measure_id, number"
    ):
        wording.setdefault(int(measure_id), []).append(str(text))
    rows = conn.execute(
        "SELECT id, code, name, item_min, item_max, higher_is_better, threshold, stopped_at "
        "FROM custom_measures ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [
        custom_measure(
            str(code), str(name), wording.get(key, []), low, high, bool(up), limit, stopped is None
        )
        for key, code, name, low, high, up, limit, stopped in rows
    ]


def item_wording(conn: Connection, measure_code: str) -> dict[int, str]:
    rows = conn.execute(
        "SELECT number, wording FROM measure_item_wording WHERE measure_code = ?",
        (measure_code,),
    )
    return {int(number): str(text) for number, text in rows}


def replace_item_wording(conn: Connection, measure_code: str, wording: Mapping[int, str]) -> None:
    conn.execute("DELETE FROM measure_item_wording WHERE measure_code = ?", (measure_code,))
    conn.executemany(
        "INSERT INTO measure_item_wording(measure_code, number, wording) VALUES (?, ?, ?)",
        [(measure_code, n, text.strip()) for n, text in sorted(wording.items()) if text.strip()],
    )
