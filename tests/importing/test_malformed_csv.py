"""Malformed CSV never crashes an import and never writes part of a file.

Hypothesis writes folders of CSV files with wrong, missing and repeated headings, odd
encodings and quoting, huge cells, empty files, and duplicate and dangling references. Every
import either writes all of its rows (a second import then changes nothing) or raises
ImportRefused with the database exactly as before.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.importing.template import SHEETS, Column, sheet_named
from desktop_app.domain.people import Person
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, volunteers
from desktop_app.services.importing.template_import import ImportRefused, preview_import, run_import
from desktop_app.store.database import Database
from tests.snapshots import snapshot

FILE_NAMES = [s.file_name for s in SHEETS] + ["People.CSV", "notes.csv"]
HEADINGS = [*sorted({c.name for s in SHEETS for c in s.columns}), "Known As", "gendre", ""]
REFS = ["P-1", "p-1", "P-2", "V-1", "V-2", "S-1", "S-2", "X-404", ""]
VALUES = st.one_of(
    st.sampled_from(REFS),
    st.sampled_from(
        ["2024-02-29", "31/12/2023", "02/31/2024", "01/02/24", "yes", "n", "maybe", "90", "1.5"]
    ),
    st.sampled_from(["group", "Drop-in", "one_to_one", "woman", "Pakistani", "0", "-3", "25"]),
    st.text(max_size=30),
    st.sampled_from(['"', 'a "quoted" word', "line\nbreak", "x" * 200_000, "=1+1", "\x00"]),
)


def plausible(column: Column) -> st.SearchStrategy[str]:
    """A value that fits the column, mostly: so that some imports go through."""
    if column.vocabulary is not None:
        return st.sampled_from([t.code for t in column.vocabulary.terms[:2]])
    by_kind = {
        "ref": st.sampled_from(REFS[:-1]),
        "refs": st.sampled_from(["V-1", "V-1;V-2", ""]),
        "date": st.sampled_from(["2024-01-05", "05/01/2024", "2024-02-29"]),
        "time": st.just("10:30"),
        "year": st.just("1980"),
        "whole": st.sampled_from(["1", "60"]),
        "hours": st.sampled_from(["1.5", "3", "1:20", "0.33"]),
        "yes_no": st.sampled_from(["yes", "no", ""]),
        "text": st.sampled_from(["Amara", "Sleep;Money", "Safeguarding", "SWEMWBS", "UCLA3"]),
        "scores": st.sampled_from(["1;2;3", "3;3;3;3;3;3;3", "", "1;;x"]),
    }
    return by_kind[column.kind]


@st.composite
def csv_bytes(draw: st.DrawFn, file_name: str) -> bytes:
    sheet = sheet_named(file_name) or draw(st.sampled_from(SHEETS))
    if draw(st.integers(0, 2)):  # the right headings, values that mostly fit
        rows = draw(
            st.lists(st.tuples(*(plausible(c) for c in sheet.columns)).map(list), max_size=4)
        )
        text = "\n".join(",".join(row) for row in [[c.name for c in sheet.columns], *rows])
        return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])))
    proper = [c.name for c in sheet.columns]
    headers = draw(
        st.one_of(
            st.just(proper),
            st.lists(st.sampled_from(proper + HEADINGS), max_size=8),
            st.permutations(proper),
        )
    )
    rows = draw(st.lists(st.lists(VALUES, max_size=len(headers) + 2), max_size=6))
    out = io.StringIO()
    if draw(st.booleans()):
        writer = csv.writer(out, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
        writer.writerow(headers)
        writer.writerows(rows)
    else:  # written by hand, quotes unbalanced as they come
        out.write("\n".join(",".join(row) for row in [headers, *rows]))
    text = out.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    return draw(st.sampled_from([data, b"", data[: len(data) // 2], b"\xff\xfe\x00" + data]))


FOLDERS = st.lists(st.sampled_from(FILE_NAMES), min_size=1, max_size=4, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: csv_bytes(name) for name in names})
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(files=FOLDERS)
def test_malformed_csv_never_crashes_and_never_writes_part_of_a_file(
    db: Database, files: dict[str, bytes]
) -> None:
    if not people.find_people(db, "P-1"):
        people.add_person(db, Person("Amara", ref="P-1"))
        volunteers.add_volunteer(db, Volunteer("Jo", ref="V-1"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        preview = preview_import(db, folder)
        before = snapshot(db)
        try:
            report = run_import(db, folder)
        except ImportRefused as refused:
            assert not preview.ok
            assert refused.report.problems
            assert snapshot(db) == before
            return
        assert preview.ok and report.ok
        again = preview_import(db, folder)
        assert again.ok
        assert [(c.added, c.updated) for c in again.counts] == [(0, 0)] * len(again.counts)
