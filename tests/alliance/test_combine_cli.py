"""`peerlog combine`: exit 0 with the file written; 1 with every problem listed, nothing
written; 2 for wrong usage. No database and no passphrase are asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.alliance.members import heron, otter, write, write_members
from tests.returns.return_readback import csv_rows


def test_combine_writes_the_alliance_return(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("builtins.input", lambda *_: pytest.fail("no passphrase is asked for"))
    paths = write_members(tmp_path / "in")
    out = tmp_path / "alliance.csv"
    # A folder and a file inside it: the member counted once, with a note.
    code = main(
        ["combine", "--format", "csv", "--out", str(out), str(tmp_path / "in"), str(paths[0])]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Alliance return of 3 members written to" in captured.out
    assert "sent two returns" in captured.err
    totals = {r["item"]: r["value"] for r in csv_rows(out) if r["member"] == "Alliance total"}
    assert totals["Sessions held"] == "20"


def test_every_problem_is_listed_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    write(
        tmp_path / "in", "a.json", heron() | {"period": {"from": "2023-04-01", "to": "2024-03-31"}}
    )
    write(tmp_path / "in", "b.json", otter())
    (tmp_path / "in" / "c.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "alliance.pdf"
    code = main(["combine", "--format", "pdf", "--out", str(out), str(tmp_path / "in")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Nothing was combined: 2 problem(s) to fix first." in err
    assert "  c.json: not a PeerLog return (it is not JSON)" in err
    assert "differ in period" in err
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize(
    "arguments",
    [
        ["combine", "--format", "pdf", "--out", "x.pdf"],  # no returns
        ["combine", "--format", "doc", "--out", "x.doc", "a.json"],
        ["combine", "--out", "x.pdf", "a.json"],
    ],
)
def test_wrong_usage_exits_2(arguments: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_said(tmp_path: Path, capsys) -> None:
    write_members(tmp_path / "in")
    code = main(
        [
            "combine",
            "--format",
            "json",
            "--out",
            str(tmp_path / "no" / "a.json"),
            str(tmp_path / "in"),
        ]
    )
    assert code == 1 and "could not write" in capsys.readouterr().err
    assert len(list((tmp_path / "in").glob("*.json"))) == 3
