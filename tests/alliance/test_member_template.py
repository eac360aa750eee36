"""The alliance's template: the alliance writes it, a member loads it and keeps it, the member's
return carries its name and version, and returns made with it combine."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.templates import TemplateError
from desktop_app.services.alliance.combine import combine_returns
from desktop_app.services.alliance.member_template import write_member_template
from desktop_app.services.returns.build import build_return, export_return
from desktop_app.services.returns.templates import (
    alliance_template,
    load_template,
    use_alliance_template,
)
from desktop_app.services.settings import set_organisation_identifier
from desktop_app.store.database import Database
from tests.returns.return_readback import json_document


def test_the_template_an_alliance_writes_is_loaded_kept_and_carried(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "leeds.json"
    written = write_member_template(path, "Leeds Peer Alliance", "2026-04")
    assert load_template(path) == written
    assert written.version == "2026-04" and written.has("ethnicity") and written.has("outcomes")
    assert path.stat().st_mode & 0o077 == 0

    assert alliance_template(db) is None
    use_alliance_template(db, path)
    kept = alliance_template(db)
    assert kept == written
    path.unlink()  # kept in the database, not only in the file
    assert alliance_template(db) == written

    set_organisation_identifier(db, "GB-CHC-7654321")
    protected = build_return(db, Period.financial_year(2024), kept)
    export_return(db, protected, "json", tmp_path / "ours.json")
    document = json_document(tmp_path / "ours.json")
    assert (document["template"], document["template_version"]) == (
        "Leeds Peer Alliance",
        "2026-04",
    )
    assert document["publisher"]["identifier"] == "GB-CHC-7654321"
    result = combine_returns([tmp_path / "ours.json"])
    assert result.alliance is not None and result.alliance.template == "Leeds Peer Alliance"


@pytest.mark.parametrize(("name", "version"), [("", "1"), ("Leeds", ""), ("x" * 81, "1")])
def test_a_template_without_a_usable_name_or_version_is_refused(
    tmp_path: Path, name: str, version: str
) -> None:
    with pytest.raises(TemplateError):
        write_member_template(tmp_path / "t.json", name, version)
    assert list(tmp_path.iterdir()) == []


def test_a_broken_template_file_is_refused_and_nothing_is_kept(
    db: Database, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"peerlog_template": 1, "name": "X", "sections": [{"section": "cats"}]}')
    with pytest.raises(TemplateError, match="cats"):
        use_alliance_template(db, broken)
    assert alliance_template(db) is None
