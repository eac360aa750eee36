"""What the computer does wrong, said plainly: a full disk, a folder PeerLog may not write to,
a lock file that is not a file, a damaged pending-audit file, a log that cannot be written.
Every one ends in a message saying what is really wrong (never "damaged" when it is not, never
a traceback) and leaves no half-written or empty file behind."""

from __future__ import annotations

import errno
import io
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.audit import Action, AuditFilter
from desktop_app.domain.people import Person
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.protection import protect_return
from desktop_app.services import people
from desktop_app.services.databases import create_database, open_database
from desktop_app.services.protection import audit
from desktop_app.services.returns.formats import write_return, xlsx_format
from desktop_app.services.returns.templates import find_template
from desktop_app.store import files, lock
from desktop_app.store.errors import CannotWriteFile, ReadOnlyLocation
from desktop_app.store.lock import NotALockFile
from desktop_app.store.protection import pending_audit
from desktop_app.store.protection.pending_audit import PENDING_FILE
from tests.conftest import PASSPHRASE
from tests.returns.return_samples import sample_figures
from tests.store.helpers import PROJECT_ROOT

NOTE = "A note long enough to need more room than the disk has left. " * 40


def peerlog(*args: str | Path, file_size_limit: int | None = None, **env: str) -> Any:
    """The command line in a child process; with `file_size_limit`, no file it writes may grow
    past that many bytes (as on a full disk: writing fails with "File too large")."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PEERLOG_PASSPHRASE": PASSPHRASE, **env},
        stdin=subprocess.DEVNULL,
        preexec_fn=limit,
        timeout=120,
    )


@pytest.fixture
def group(tmp_path: Path) -> Path:
    """A database with enough in it that an export is far larger than the database's growth."""
    db = create_database(tmp_path / "Group", "Group", PASSPHRASE).database
    for number in range(150):
        people.add_person(db, Person(f"Person {number}", notes=f"{number} {NOTE}"))
    db.close()
    return tmp_path / "Group.peerlog"


def said_plainly(result: Any) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.startswith("peerlog: ")
    return str(result.stderr)


@pytest.mark.skipif(os.name != "posix", reason="file size limits")
@pytest.mark.parametrize(
    "command",
    [
        ["export-all", "--format", "xlsx"],
        ["export-all", "--format", "csv"],
        ["template"],
    ],
    ids=["export-all xlsx", "export-all csv", "template"],
)
def test_a_full_disk_gives_a_plain_message_and_leaves_no_file(
    group: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    where = (
        ["--db", group, "--out", out] if command[0] == "export-all" else ["--out", out / "t.xlsx"]
    )
    result = peerlog(*command, *where, file_size_limit=3000 if command == ["template"] else 120_000)
    assert "The disk is full" in said_plainly(result)
    assert list(out.iterdir()) == []
    assert peerlog(*command, *where).returncode == 0  # with room, the same command works


@pytest.mark.skipif(os.name != "posix", reason="file size limits")
@pytest.mark.parametrize("command", ["check", "users list", "audit list"])
def test_opening_on_a_full_disk_does_not_say_the_database_is_damaged(
    group: Path, command: str
) -> None:
    for stale in group.glob("peerlog.db-*"):
        stale.unlink()
    result = peerlog(*command.split(), "--db", group, file_size_limit=0)
    message = said_plainly(result)
    assert "damaged" not in message and "full disk" in message
    assert peerlog(*command.split(), "--db", group).returncode == 0


class FullDiskFile(io.RawIOBase):
    """A file on a disk that fills after its first bytes."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.room = 100

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return int(self.real.write(data))

    def fileno(self) -> int:
        return int(self.real.fileno())

    def close(self) -> None:
        self.real.close()
        super().close()


def full_disk(real_open: Callable[..., Any]) -> Callable[..., Any]:
    return lambda path, *args, **kwargs: FullDiskFile(real_open(path, *args, **kwargs))


def test_a_return_on_a_full_disk_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_format, "open_private", full_disk(xlsx_format.open_private))
    result = protect_return(sample_figures(), find_template("Alliance return"), DisclosureRules())
    with pytest.raises(CannotWriteFile, match=r"The disk is full, so return\.xlsx"):
        write_return(result, "xlsx", tmp_path / "return.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_an_audit_export_on_a_full_disk_leaves_no_file(
    db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.add_person(db, Person("Amara"))
    monkeypatch.setattr(files, "open_private", full_disk(files.open_private))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CannotWriteFile, match="The disk is full"):
        audit.export_csv(db, out / "audit.csv", AuditFilter())
    assert list(out.iterdir()) == []


def test_a_folder_peerlog_may_not_write_to_is_said_so(
    created: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created.database.close()

    def refused(*args: object, **kwargs: object) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(xlsx_format, "open_private", refused)
    result = protect_return(sample_figures(), find_template("Alliance return"), DisclosureRules())
    with pytest.raises(CannotWriteFile, match="may not write to the folder"):
        write_return(result, "xlsx", tmp_path / "return.xlsx")
    monkeypatch.setattr(lock.os, "open", refused)
    with pytest.raises(ReadOnlyLocation):
        open_database(db_path, PASSPHRASE)


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link", "link to a file"])
def test_a_lock_file_that_is_not_a_file_is_said_plainly(
    created: Any, db_path: Path, tmp_path: Path, kind: str
) -> None:
    created.database.close()
    folder = db_path.with_suffix(".peerlog")
    lock_file = folder / "peerlog.lock"
    lock_file.unlink()
    elsewhere = tmp_path / "elsewhere"
    if kind == "folder":
        lock_file.mkdir()
    elif kind == "fifo":
        os.mkfifo(lock_file)
    elif kind == "dangling link":
        lock_file.symlink_to(elsewhere)
    else:
        elsewhere.write_text("")
        lock_file.symlink_to(elsewhere)
    with pytest.raises(NotALockFile, match="Move it out of the database folder"):
        open_database(db_path, PASSPHRASE)
    assert kind != "dangling link" or not elsewhere.exists()  # a link is never followed
    result = peerlog("check", "--db", db_path)
    assert "Move it out of the database folder" in said_plainly(result)


HOSTILE_PENDING = {
    "null": b"null",
    "empty list": b"[]",
    "a number": b"3",
    "a string": b'"x"',
    "Infinity": b"Infinity",
    "a list of Infinity": b"[Infinity]",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "an object": b'{"at": "x"}',
    "wrong events": b'[{"at": 1, "action": "x"}, ["at"], null]',
    "unknown action": b'[{"at": "2025-01-01T00:00:00Z", "action": "fly"}]',
    "not UTF-8": b"\xff\xfe[",
    "far too long": b"[" + b" " * 1_000_000 + b"]",
}


@pytest.mark.parametrize("content", list(HOSTILE_PENDING), ids=list(HOSTILE_PENDING))
def test_a_damaged_pending_audit_file_is_handled_calmly(
    created: Any, db_path: Path, content: str
) -> None:
    created.database.close()
    folder = db_path.with_suffix(".peerlog")
    (folder / PENDING_FILE).write_bytes(HOSTILE_PENDING[content])
    assert pending_audit.read(folder) == []
    pending_audit.add(folder, "2025-01-01T00:00:00Z", Action.FAILED_UNLOCK)
    assert len(pending_audit.read(folder)) == 1
    (folder / PENDING_FILE).write_bytes(HOSTILE_PENDING[content])
    open_database(db_path, PASSPHRASE).close()


def test_a_pending_audit_file_that_is_a_folder_is_handled_calmly(
    created: Any, db_path: Path
) -> None:
    created.database.close()
    folder = db_path.with_suffix(".peerlog")
    (folder / PENDING_FILE).mkdir()
    assert pending_audit.read(folder) == []
    open_database(db_path, PASSPHRASE).close()


def test_a_log_folder_that_cannot_be_made_changes_nothing_the_user_sees(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("")  # PEERLOG_HOME is a file: no log, no scratch folder can be made there
    result = peerlog("template", "--out", tmp_path / "t.xlsx", PEERLOG_HOME=str(home))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "t.xlsx").stat().st_size > 0


def test_a_full_disk_for_the_log_prints_nothing(group: Path, tmp_path: Path) -> None:
    result = peerlog("users", "list", "--db", group, file_size_limit=0)
    assert "Logging error" not in result.stderr and "Traceback" not in result.stderr


def test_a_subject_access_export_on_a_full_disk_leaves_no_half_file(
    db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.services.protection import subject_access_pdf
    from desktop_app.services.protection.subject_access import export_subject_access

    person = people.add_person(db, Person("Amara", notes=NOTE))
    monkeypatch.setattr(
        subject_access_pdf, "open_private", full_disk(subject_access_pdf.open_private)
    )
    out = tmp_path / "out"
    with pytest.raises(CannotWriteFile, match="The disk is full"):
        export_subject_access(db, person.id, out)
    assert [p.suffix for p in out.iterdir()] == [".json"]  # whole; the PDF left nothing
