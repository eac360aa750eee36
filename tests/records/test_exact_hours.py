"""Volunteer hours add up exactly, everywhere they are shown or sent: kept as whole minutes, so
127.8 + 3.5 is 131.3 (never 131.29999...), and a quarter hour is never shown as "1.2"."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.returns.periods import Period
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import home, sessions, settings, volunteers
from desktop_app.services.databases import open_database
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import ImportRefused, run_import
from desktop_app.services.protection.subject_access import collect
from desktop_app.services.returns.build import build_return
from desktop_app.services.returns.formats import write_return
from desktop_app.services.validation import ValidationFailed
from desktop_app.store import migrations
from desktop_app.store.database import Database
from tests.conftest import PASSPHRASE
from tests.returns.return_readback import all_text
from tests.store.helpers import older_database

DAY = date(2025, 3, 20)
SO_FAR = ("20",) * 6  # 120 hours already this month


def _jo_with_hours(db: Database, *hours: str) -> Volunteer:
    """Jo, with each amount recorded on a day of its own (at most 24 hours a day)."""
    jo = volunteers.add_volunteer(db, Volunteer("Jo"))
    for days_before, amount in enumerate(hours):
        day = DAY - timedelta(days=days_before)
        volunteers.record_hours(db, VolunteerHours.of_hours(jo.id, day, amount, "Outreach"))
    return jo


def test_hours_add_up_exactly_on_every_screen_and_in_returns(db: Database) -> None:
    jo = _jo_with_hours(db, *SO_FAR, "7.8", "3.5")  # 127.8 + 3.5
    assert volunteers.total_hours(db) == Decimal("131.3")
    assert volunteers.total_hours(db, jo.id) == Decimal("131.3")
    (row,) = volunteers.list_volunteer_rows(db, today=DAY).rows
    assert row.hours == Decimal("131.3")
    assert home.month_figures(db, DAY).volunteer_hours == Decimal("131.3")
    settings.set_volunteer_hourly_rate(db, 12.21)
    result = build_return(db, Period(date(2025, 3, 1), date(2025, 3, 31)), "Alliance return")
    section = next(s for s in result.sections if s.code == "volunteers")
    figures = {f.code: f.value for f in section.figures}
    assert figures["hours"] == 131.3
    assert figures["value"] == 1603.17  # 131.3 × 12.21 = 1603.173, to the penny


def test_a_quarter_hour_is_shown_as_recorded_in_the_returns_pdf(
    db: Database, tmp_path: Path
) -> None:
    _jo_with_hours(db, *SO_FAR, "7.75", "3.5")
    assert volunteers.total_hours(db) == Decimal("131.25")
    result = build_return(db, Period(date(2025, 3, 1), date(2025, 3, 31)), "Alliance return")
    pdf = tmp_path / "return.pdf"
    write_return(result, "pdf", pdf)
    assert "Volunteer hours 131.25" in " ".join(all_text(pdf).split())


def test_facilitators_hours_for_a_session_are_exact(db: Database) -> None:
    jo = volunteers.add_volunteer(db, Volunteer("Jo"))
    session = Session(DAY, "drop_in", anonymous_headcount=3, facilitator_ids=(jo.id,))
    logged = sessions.log_session(db, session, facilitator_hours=Decimal("1.1"))
    assert [h.minutes for h in logged.hours] == [66]
    with pytest.raises(ValidationFailed) as refused:
        sessions.log_session(db, session, facilitator_hours=Decimal("0.33"))
    assert "19.8 minutes" in refused.value.messages_for("facilitator_hours")[0]


def test_export_all_and_import_keep_hours_to_the_minute(db: Database, tmp_path: Path) -> None:
    jo = _jo_with_hours(db, "12.8", "3.5", "0.25")
    volunteers.record_hours(db, VolunteerHours(jo.id, DAY, 20, "Admin"))  # 1/3 of an hour
    folder = export_all(db, tmp_path / "archive")
    with (folder / "volunteer_hours.csv").open(encoding="utf-8-sig", newline="") as f:
        written = sorted(row["hours"] for row in csv.DictReader(f))
    assert written == ["0.25", "0:20", "12.8", "3.5"]
    for entry in volunteers.list_hours(db).rows:
        volunteers.delete_hours(db, entry.id)
    assert run_import(db, folder).ok
    minutes = sorted(h.minutes for h in volunteers.list_hours(db, jo.id).rows)
    assert minutes == [15, 20, 210, 768]


def test_import_refuses_hours_more_precise_than_a_minute(db: Database, tmp_path: Path) -> None:
    volunteers.add_volunteer(db, Volunteer("Jo", ref="V-1"))
    (tmp_path / "volunteer_hours.csv").write_text(
        "volunteer_ref,worked_on,hours,activity\r\nV-1,2025-03-04,0.33,Admin\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        run_import(db, tmp_path)
    (problem,) = refused.value.report.problems
    assert "0.33 hours is 19.8 minutes" in problem.expected and "1:20" in problem.expected
    assert volunteers.total_hours(db) == 0
    (tmp_path / "volunteer_hours.csv").write_text(
        "volunteer_ref,worked_on,hours,activity\r\nV-1,2025-03-04,1:20,Admin\r\n",
        encoding="utf-8",
    )
    run_import(db, tmp_path)
    assert [h.minutes for h in volunteers.list_hours(db).rows] == [80]


def test_subject_access_gives_the_hours_as_recorded(db: Database) -> None:
    jo = _jo_with_hours(db, "12.8")
    data = json.loads(json.dumps(collect_for_volunteer(db, jo.id), default=str))
    (entry,) = data["volunteering"][0]["hours"]
    assert (entry["hours"], entry["minutes"]) == ("12.8", 768)


def collect_for_volunteer(db: Database, volunteer_id: str) -> dict[str, object]:
    from desktop_app.domain.people import Person
    from desktop_app.services import people

    person = people.add_person(db, Person("Jo"))
    return collect(db, person.id, (volunteer_id,))


def test_an_older_database_has_its_hours_converted_exactly(tmp_path: Path) -> None:
    """Hours stored as floating point (schema 6) become whole minutes on opening."""
    stored = [7.8, 3.5, 0.1, 0.2, 0.25, 1 / 3, 0.001]
    folder = older_database(
        tmp_path / "Old",
        6,
        "INSERT INTO volunteers(uuid, ref, name, roles, lived_experience, created_at, "
        "updated_at) VALUES ('v-1', 'V-0001', 'Jo', '', 0, '2024-01-01', '2024-01-01')",
        (
            "INSERT INTO volunteer_hours(uuid, volunteer_id, worked_on, hours, activity, "
            "created_at, updated_at) VALUES (?, 1, '2025-03-04', ?, 'Outreach', "
            "'2024-01-01', '2024-01-01')",
            [(f"h-{n}", hours) for n, hours in enumerate(stored)],
        ),
    )
    db = open_database(folder, PASSPHRASE)
    try:
        version = db.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == migrations.LATEST_VERSION >= 7
        by_id = {h.id: h.minutes for h in volunteers.list_hours(db).rows}
        assert by_id == {
            "h-0": 468, "h-1": 210, "h-2": 6, "h-3": 12, "h-4": 15, "h-5": 20, "h-6": 1,
        }  # fmt: skip
        assert volunteers.total_hours(db, "v-1") == Decimal(732) / 60
        entry = volunteers.record_hours(db, VolunteerHours.of_hours("v-1", DAY, "1.5"))
        assert entry.minutes == 90
    finally:
        db.close()
