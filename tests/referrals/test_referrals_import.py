"""The referrals sheet of the template: read from CSV (codes or labels, needs separated by ;),
matched on the person, date and kind so a second import adds nothing, refused row by row in
plain words, and written back out by Export all."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.people import Person
from desktop_app.services import people
from desktop_app.services.importing.export_all import export_all
from desktop_app.services.importing.template_import import (
    ImportRefused,
    preview_import,
    run_import,
)
from desktop_app.services.referrals import records as referrals
from desktop_app.store.database import Database
from tests.snapshots import snapshot

HEADER = (
    "person_ref,received_on,source_kind,organisation,referrer_role,needs,consent_to_feedback,"
    "contact_attempted_on,closed_on,closed_reason"
)


def _write(folder: Path, *lines: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "referrals.csv").write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return folder


def test_referrals_import_then_export_all_round_trip(db: Database, tmp_path: Path) -> None:
    amara = people.add_person(db, Person("Amara K.", ref="P-0001"))
    folder = _write(
        tmp_path / "in",
        "P-0001,02/04/2026,Social prescribing link worker,Riverside Surgery,Link worker,"
        "loneliness; Low mood or anxiety,yes,2026-04-07,2026-06-01,completed",
        "P-0001,2026-09-01,self,,,,no,,,",
    )
    report = run_import(db, folder)
    assert report.ok, report.problems
    rows = referrals.list_referrals(db, open_only=False).rows
    first = next(r.progress.referral for r in rows if r.progress.referral.closed_on)
    assert (first.person_id, first.received_on, first.needs) == (
        amara.id,
        date(2026, 4, 2),
        ("loneliness", "low_mood"),
    )
    assert (first.consent_to_feedback, first.closed_reason) == (True, "completed")
    again = preview_import(db, folder)
    assert [(c.added, c.updated) for c in again.counts if c.what == "referrals received"] == [
        (0, 0)
    ]

    out = export_all(db, tmp_path / "out")
    with (out / "referrals.csv").open(encoding="utf-8-sig", newline="") as f:
        exported = list(csv.DictReader(f))
    assert [(r["person_ref"], r["received_on"], r["needs"]) for r in exported] == [
        ("P-0001", "2026-04-02", "loneliness; low_mood"),
        ("P-0001", "2026-09-01", ""),
    ]
    # What Export all wrote imports back as it was: nothing to add or change.
    assert all(c.added == c.updated == 0 for c in preview_import(db, out).counts)


def test_bad_referral_rows_are_refused_in_plain_words_and_nothing_is_saved(
    db: Database, tmp_path: Path
) -> None:
    people.add_person(db, Person("Amara K.", ref="P-0001"))
    before = snapshot(db)
    folder = _write(
        tmp_path / "in",
        "P-0001,2026-04-02,gp_practice,,,boredom,no,,,",
        "P-0001,2026-04-03,doctor,,,,no,,,",
        "P-0001,2026-04-04,gp_practice,,,,no,,2026-05-01,",
        "P-0404,2026-04-05,self,,,,no,,,",
    )
    with pytest.raises(ImportRefused) as refused:
        run_import(db, folder)
    report = refused.value.report
    found = {(p.row, p.column): p.expected for p in report.problems}
    assert set(found) == {(2, "needs"), (3, "source_kind"), (4, "closed_reason"), (5, "person_ref")}
    assert "Choose why the referral was closed." in found[4, "closed_reason"]
    assert snapshot(db) == before
