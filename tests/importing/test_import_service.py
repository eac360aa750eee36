"""Importing template CSV files through the real service into a real encrypted database."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.domain.people import Person
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import outcomes, people, sessions, volunteers
from desktop_app.services.importing.template_import import (
    ImportCancelled,
    ImportProgress,
    ImportRefused,
    preview_import,
    run_import,
)
from desktop_app.store.database import Database
from tests.importing.conftest import WriteCsv
from tests.snapshots import snapshot

PEOPLE = (
    "ref,known_as,year_of_birth,gender,ethnicity,first_contact,consent_on,story_consent",
    "P-1,Amara K.,1980,Woman,Pakistani,01/02/2024,2024-02-01,yes",
    "P-2,Ben T.,1990,man,white_british,2024-02-03,,",
)
VOLUNTEERS = (
    "ref,known_as,role,started_on,lived_experience",
    "V-1,Jo,Facilitator;Listener,2023-01-01,y",
)
SESSIONS = (
    "ref,held_on,kind,mode,minutes,facilitators,anonymous_attendees,topics",
    "S-1,2024-03-01,group,,90,V-1,2,Sleep;Money worries",
    "S-2,05/03/2024,One-to-one peer support,phone,45,,,",
)
ATTENDANCE = ("session_ref,person_ref", "S-1,P-1", "S-1,p-2", "S-2,P-2")
HOURS = ("volunteer_ref,worked_on,hours,activity,session_ref", "V-1,2024-03-01,1.5,,S-1")
TRAINING = (
    "volunteer_ref,course,completed_on,expires_on",
    "V-1,Safeguarding,2023-02-01,2026-02-01",
)


def write_all(write_csv: WriteCsv) -> None:
    write_csv("people", *PEOPLE)
    write_csv("volunteers", *VOLUNTEERS)
    write_csv("sessions", *SESSIONS)
    write_csv("attendance", *ATTENDANCE)
    write_csv("volunteer_hours", *HOURS)
    write_csv("training", *TRAINING)


def counts(report: object) -> dict[str, tuple[int, int, int]]:
    return {c.what: (c.added, c.updated, c.unchanged) for c in report.counts}  # type: ignore[attr-defined]


def test_a_folder_of_template_csv_files_is_imported(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_all(write_csv)
    report = run_import(db, folder)
    assert report.ok and report.written
    assert counts(report) == {
        "people": (2, 0, 0),
        "volunteers": (1, 0, 0),
        "training": (1, 0, 0),
        "sessions": (2, 0, 0),
        "attendance": (3, 0, 0),
        "volunteer hours": (1, 0, 0),
    }
    amara = people.find_people(db, "Amara")[0]
    person = people.get_person(db, amara.id)
    assert (person.ref, person.gender, person.ethnic_group) == ("P-1", "woman", "asian_pakistani")
    assert person.first_contact == date(2024, 2, 1)
    assert person.consent is not None and person.consent.share_story
    jo = volunteers.get_volunteer(db, volunteers.list_volunteers(db, "Jo")[0].id)
    assert jo.roles == ("Facilitator", "Listener") and jo.lived_experience
    assert [(t.course, t.expires_on) for t in jo.training] == [("Safeguarding", date(2026, 2, 1))]
    rows = sessions.list_sessions(db).rows
    assert sorted((r.held_on, r.attendance) for r in rows) == [
        (date(2024, 3, 1), 4),
        (date(2024, 3, 5), 1),
    ]
    group = next(sessions.get_session(db, r.id) for r in rows if r.held_on == date(2024, 3, 1))
    assert group.facilitator_ids == (jo.id,) and group.topics == ("Sleep", "Money worries")
    assert volunteers.total_hours(db, jo.id) == 1.5
    assert volunteers.list_hours(db, jo.id).rows[0].session_id == group.id


def test_importing_the_same_files_twice_duplicates_nothing(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_all(write_csv)
    run_import(db, folder)
    before = snapshot(db)
    again = preview_import(db, folder)
    assert all(added == updated == 0 for added, updated, _ in counts(again).values())
    run_import(db, folder)
    assert snapshot(db) == before


def test_changed_rows_update_the_records_they_match_and_the_preview_says_so(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_all(write_csv)
    run_import(db, folder)
    write_csv("people", "ref,known_as,year_of_birth", "p-1,Amara K.,1981")  # no gender column
    (folder / "sessions.csv").unlink()
    (folder / "attendance.csv").unlink()
    preview = preview_import(db, folder)
    assert counts(preview)["people"] == (0, 1, 0)
    assert snapshot(db)["people"][0][4] == 1980  # a preview writes nothing
    run_import(db, folder)
    person = people.get_person(db, people.find_people(db, "P-1")[0].id)
    assert (person.year_of_birth, person.known_as, person.gender) == (1981, "Amara K.", "woman")


def test_references_may_point_at_records_already_in_peerlog(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    person = people.add_person(db, Person("Chidi O.", ref="P-0100"))
    volunteer = volunteers.add_volunteer(db, Volunteer("Sam", ref="V-0100"))
    write_csv(
        "sessions", "ref,held_on,kind,minutes,facilitators", "S-9,2024-04-01,one_to_one,60,v-0100"
    )
    write_csv("attendance", "session_ref,person_ref", "S-9,P-0100")
    report = run_import(db, folder)
    assert counts(report)["sessions"] == (1, 0, 0)
    session = sessions.get_session(db, sessions.list_sessions(db).rows[0].id)
    assert session.attendee_ids == (person.id,) and session.facilitator_ids == (volunteer.id,)


def test_one_bad_row_imports_nothing_and_says_exactly_where(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_all(write_csv)
    write_csv("people", *PEOPLE, "P-3,Cara,2031,woman,,,,")
    before = snapshot(db)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, folder)
    assert snapshot(db) == before
    [problem] = refused.value.report.problems
    assert (problem.source, problem.row, problem.column, problem.found) == (
        "people.csv",
        4,
        "year_of_birth",
        "2031",
    )
    assert "in the future" in problem.expected
    assert "Nothing was imported: 1 problem" in str(refused.value)


def test_dangling_and_duplicate_references_are_problems(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as", "P-1,Amara", "p-1,Amara again")
    write_csv("sessions", "ref,held_on,kind,minutes,facilitators", "S-1,2024-03-01,group,60,V-404")
    write_csv("attendance", "session_ref,person_ref", "S-1,P-1", "S-1,P-1", "S-404,P-1", "S-1,P-9")
    report = preview_import(db, folder)
    found = {(p.source, p.row, p.column, p.found) for p in report.problems}
    assert found == {
        ("people.csv", 3, "ref", "p-1"),
        ("sessions.csv", 2, "facilitators", "V-404"),
        ("attendance.csv", 3, "person_ref", "P-1"),
        ("attendance.csv", 4, "session_ref", "S-404"),
        ("attendance.csv", 5, "person_ref", "P-9"),
    }
    assert any("already on row 2" in p.expected for p in report.problems)


def test_a_session_nobody_came_to_is_a_problem_on_its_row(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("sessions", "ref,held_on,kind,minutes", "S-1,2024-03-01,group,60")
    [problem] = preview_import(db, folder).problems
    assert (problem.source, problem.row) == ("sessions.csv", 2)
    assert "Nobody is recorded as coming" in problem.expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_encodings_excel_saves(
    db: Database, folder: Path, write_csv: WriteCsv, encoding: str
) -> None:
    write_csv("people", "ref,known_as", "P-1,Zoë Brontë", encoding=encoding)
    run_import(db, folder)
    assert people.find_people(db, "P-1")[0].known_as == "Zoë Brontë"


def test_a_zip_of_csv_files_in_a_folder_is_imported(db: Database, tmp_path: Path) -> None:
    archive = tmp_path / "records.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("export/people.csv", "\n".join(PEOPLE))
        z.writestr("__MACOSX/export/._people.csv", "junk")
    assert counts(run_import(db, archive))["people"] == (2, 0, 0)


def test_a_workbook_with_typed_cells_is_imported(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    sheet.append(["ref", "known_as", "year_of_birth", "first_contact", "archived"])
    sheet.append(["P-1", "Amara", 1980, date(2024, 2, 1), True])
    book.create_sheet("Read me").append(["anything"])
    path = tmp_path / "records.xlsx"
    book.save(path)
    run_import(db, path)
    person = people.get_person(db, people.find_people(db, "P-1", include_archived=True)[0].id)
    assert (person.year_of_birth, person.first_contact, person.archived) == (
        1980,
        date(2024, 2, 1),
        True,
    )


def test_files_that_are_not_the_template_are_problems(
    db: Database, folder: Path, write_csv: WriteCsv, tmp_path: Path
) -> None:
    write_csv("peeple", "ref,known_as", "P-1,Amara")
    (folder / "empty.csv").write_bytes(b"")
    messages = [p.describe() for p in preview_import(db, folder).problems]
    assert any(
        m.startswith("peeple.csv.") and "not part of the PeerLog template" in m for m in messages
    )
    assert any(m.startswith("empty.csv.") for m in messages)
    [missing] = preview_import(db, tmp_path / "no such file.xlsx").problems
    assert missing.source == "no such file.xlsx" and "no file or folder" in missing.expected
    old_excel = tmp_path / "records.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0")
    [problem] = preview_import(db, old_excel).problems
    assert "save it as .xlsx" in problem.expected


def test_progress_is_reported_and_a_cancelled_import_writes_nothing(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as", *(f"P-{n},Person {n}" for n in range(3000)))
    seen: list[ImportProgress] = []
    before = snapshot(db)
    with pytest.raises(ImportCancelled):
        run_import(
            db,
            folder,
            progress=seen.append,
            cancelled=lambda: bool(seen) and seen[-1].stage == "Writing" and seen[-1].done > 0,
        )
    assert snapshot(db) == before
    stages = [p.stage for p in seen]
    assert stages[0] == "Reading people.csv" and "Checking" in stages and "Writing" in stages
    assert seen[-1].done < seen[-1].total  # it stopped part way through writing


def test_an_older_consent_is_added_to_the_history_once_and_then_matched(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", "ref,known_as,consent_on,story_consent", "P-1,Amara,2024-06-01,no")
    run_import(db, folder)
    write_csv("people", "ref,known_as,consent_on,story_consent", "P-1,Amara,2023-01-01,yes")
    assert counts(run_import(db, folder))["people"] == (0, 1, 0)
    assert counts(run_import(db, folder))["people"] == (0, 0, 1)
    person_id = people.find_people(db, "P-1")[0].id
    history = people.consent_history(db, person_id)
    assert [(c.recorded_on, c.share_story) for c in history] == [
        (date(2024, 6, 1), False),
        (date(2023, 1, 1), True),
    ]


OUTCOMES = (
    "person_ref,measure,stage,taken_on,items,total",
    "P-1,SWEMWBS,baseline,2024-02-01,3;3;3;3;3;3;3,",
    "P-1,swemwbs,Review,2024-05-01,,28",  # only a total was recorded
    "P-2,ONS4,baseline,2024-02-03,7;8;;4,",  # one item not answered
)


def test_outcome_forms_are_scored_by_the_measures_own_rules_and_matched_on_reimport(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", *PEOPLE)
    write_csv("outcomes", *OUTCOMES)
    assert counts(run_import(db, folder))["outcomes"] == (3, 0, 0)
    amara = people.find_people(db, "P-1")[0].id
    forms = outcomes.person_outcomes(db, amara)
    assert [(f.measure_code, f.stage.value, f.score.total) for f in forms] == [
        ("SWEMWBS", "baseline", 21),
        ("SWEMWBS", "review", 28),
    ]
    assert forms[0].score.metric == 19.25
    assert counts(run_import(db, folder))["outcomes"] == (0, 0, 3)
    write_csv("outcomes", *OUTCOMES[:2], "P-1,SWEMWBS,review,2024-05-01,,30")
    assert counts(run_import(db, folder))["outcomes"] == (0, 1, 1)
    assert outcomes.person_outcomes(db, amara)[1].score.total == 30


def test_outcome_problems_say_what_is_wrong_with_the_scores(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv("people", *PEOPLE)
    write_csv(
        "outcomes",
        "person_ref,measure,stage,taken_on,items,total",
        "P-1,SWEMWBS,baseline,2024-02-01,3;3;3,",
        "P-1,UCLA3,baseline,2024-02-01,1;2;9,",
        "P-1,Happiness scale,baseline,2024-02-01,,10",
        "P-1,SWEMWBS,exit,2024-02-01,3;3;3;3;3;3;3,22",
        "P-1,SWEMWBS,review,2024-02-01,,",
        "P-1,WEMWBS,review,2024-02-01,3;x,",
    )
    problems = preview_import(db, folder).problems
    found = {(p.row, p.column): p.expected for p in problems}
    assert "has 7 items; 3 were given" in found[2, "items"]
    assert "Item 3 must be between 1 and 3" in found[3, "items"]
    assert "no measure with this name" in found[4, "measure"]
    assert "add up to 21, not 22" in found[5, "total"]
    assert "Give the item scores" in found[6, "items"]
    assert "whole numbers separated by ;" in found[7, "items"]


def test_a_column_with_month_first_dates_makes_its_other_slash_dates_ambiguous(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    header = "ref,known_as,first_contact"
    write_csv("people", header, "P-1,Amara,04/05/2024", "P-2,Ben,05/31/2024", "P-3,Cara,13/05/2024")
    problems = {(p.row, p.column): p.expected for p in preview_import(db, folder).problems}
    assert set(problems) == {(2, "first_contact"), (3, "first_contact")}
    assert "could be 4 May 2024 or 5 April 2024" in problems[2, "first_contact"]
    assert "month/day/year" in problems[3, "first_contact"]
    write_csv("people", header, "P-1,Amara,04/05/2024", "P-3,Cara,13/05/2024")
    run_import(db, folder)  # day first, as in the UK, when nothing says otherwise
    person = people.get_person(db, people.find_people(db, "P-1")[0].id)
    assert person.first_contact == date(2024, 5, 4)
