"""The safeguarding log's sheets of the template, imported from CSV files: concerns linked to
the people and sessions of the same import, their actions, a second import adding nothing, and
the headings of the old tick box on sessions pointing to the new sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services import safeguarding
from desktop_app.services.importing.template_import import ImportRefused, run_import
from desktop_app.store.database import Database
from tests.importing.conftest import WriteCsv
from tests.importing.test_import_service import write_all

CONCERNS = (
    "ref,raised_on,kind,person_ref,session_ref,what_happened,passed_to,resolved_on",
    "C-1,2024-03-01,Self-neglect,P-1,S-1,Not eating,Our safeguarding lead,2024-03-09",
    "C-2,2024-03-05,financial_abuse,,S-2,Money taken,,",
)
ACTIONS = (
    "concern_ref,taken_on,what,by_whom",
    "C-1,2024-03-01,Rang the lead,Jo",
    "c-1,2024-03-08,Checked in,",
)


def test_concerns_and_actions_are_imported_once(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_all(write_csv)  # people, volunteers, sessions, attendance...
    write_csv("safeguarding_concerns", *CONCERNS)
    write_csv("safeguarding_actions", *ACTIONS)
    with pytest.raises(ImportRefused) as refused:  # "financial_abuse" is not a kind
        run_import(db, folder)
    assert [p.column for p in refused.value.report.problems] == ["kind"]
    assert safeguarding.list_concerns(db).total == 0
    write_csv(
        "safeguarding_concerns", *CONCERNS[:2], CONCERNS[2].replace("financial_abuse", "financial")
    )
    report = run_import(db, folder)
    assert report.ok and report.written
    counted = {c.what: (c.added, c.updated, c.unchanged) for c in report.counts}
    assert counted["safeguarding concerns"] == (2, 0, 0)
    assert counted["safeguarding actions"] == (2, 0, 0)
    rows = safeguarding.list_concerns(db).rows  # open first
    assert [(r.concern.kind, r.person_ref, r.session_held_on) for r in rows] == [
        ("financial", "", date(2024, 3, 5)),
        ("self_neglect", "P-1", date(2024, 3, 1)),
    ]
    assert rows[1].concern.resolved_on == date(2024, 3, 9)
    assert [(a.what, a.by_whom) for a in rows[1].concern.actions] == [
        ("Rang the lead", "Jo"),
        ("Checked in", ""),
    ]
    again = run_import(db, folder)
    assert again.ok
    assert all(c.added == c.updated == 0 for c in again.counts)
    assert safeguarding.list_concerns(db).total == 2


def test_the_old_session_headings_say_where_concerns_go_now(
    db: Database, folder: Path, write_csv: WriteCsv
) -> None:
    write_csv(
        "sessions",
        "ref,held_on,kind,minutes,anonymous_attendees,safeguarding_concern",
        "S-1,2024-03-01,drop_in,90,3,yes",
    )
    with pytest.raises(ImportRefused) as refused:
        run_import(db, folder)
    (problem,) = refused.value.report.problems
    assert "their own sheet now, safeguarding_concerns" in problem.expected
