"""Members identify themselves: the org-id in Settings and the envelope of every JSON return."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.domain.alliance.org_id import OrgIdError, normalise_org_id
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.protection import protect_return
from desktop_app.domain.returns.templates import parse_template
from desktop_app.services import settings
from desktop_app.services.returns.formats.json_format import return_document
from desktop_app.services.returns.templates import find_template
from desktop_app.services.validation import ValidationFailed
from desktop_app.version import __version__
from tests.returns.return_samples import sample_figures
from tests.returns.test_return_formats import schema_validator


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("GB-CHC-1234567", "GB-CHC-1234567"),
        (" gb-chc-123456 ", "GB-CHC-123456"),
        ("GB-COH-01234567", "GB-COH-01234567"),
        ("GB-COH-SC123456", "GB-COH-SC123456"),
        ("GB-SC-SC012345", "GB-SC-SC012345"),
        ("GB-NIC-100123", "GB-NIC-100123"),
        ("XI-ROR-0abcd12", "XI-ROR-0ABCD12"),
    ],
)
def test_identifiers_written_the_org_id_way_are_taken(typed: str, stored: str) -> None:
    assert normalise_org_id(typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1234567", "the list it is on"),
        ("GB-CHC-12345678", "charity number of 6 or 7 digits"),
        ("GB-SC-012345", "SC and 6 digits"),
        ("GB-NIC-NI100123", "Northern Ireland"),
        ("Charity 1234567", "the list it is on"),
    ],
)
def test_identifiers_in_another_shape_get_a_plain_message(typed: str, says: str) -> None:
    with pytest.raises(OrgIdError) as refused:
        normalise_org_id(typed)
    assert says in str(refused.value) and "GB-CHC-1234567" in str(refused.value)


def test_the_identifier_is_a_setting_checked_before_it_is_stored(db) -> None:
    assert settings.organisation_identifier(db) == ""
    with pytest.raises(ValidationFailed) as refused:
        settings.set_organisation_identifier(db, "CHC 1234567")
    assert refused.value.problems[0].field == "organisation_identifier"
    assert settings.organisation_identifier(db) == ""
    settings.set_organisation_identifier(db, "gb-chc-1234567")
    assert settings.organisation_identifier(db) == "GB-CHC-1234567"
    settings.set_organisation_identifier(db, "")
    assert settings.organisation_identifier(db) == ""


def test_every_json_return_carries_the_envelope() -> None:
    template = parse_template(
        {
            "peerlog_template": 1,
            "name": "Our alliance",
            "version": "2026.1",
            "sections": [{"section": "sessions"}],
        },
        "ours.json",
    )
    protected = protect_return(sample_figures(), template, DisclosureRules())
    from dataclasses import replace

    made = datetime(2026, 4, 3, 9, 15, 7, 123, tzinfo=UTC)
    doc = return_document(replace(protected, identifier="GB-CHC-1234567"), made)
    assert doc["publisher"] == {"identifier": "GB-CHC-1234567", "name": protected.organisation}
    assert doc["made"] == "2026-04-03T09:15:07Z"
    assert doc["peerlog_version"] == __version__
    assert (doc["template"], doc["template_version"]) == ("Our alliance", "2026.1")
    assert list(schema_validator().iter_errors(doc)) == []
    unset = return_document(
        protect_return(sample_figures(), find_template("Alliance return"), DisclosureRules())
    )
    assert unset["publisher"]["identifier"] is None and unset["template_version"] == "1"
    assert list(schema_validator().iter_errors(unset)) == []
    unset.pop("made")
    assert list(schema_validator().iter_errors(unset)) != []


def test_the_built_return_carries_the_identifier_from_settings(db, tmp_path: Path) -> None:
    from desktop_app.domain.returns.periods import Period
    from desktop_app.services.returns.build import build_return

    settings.set_organisation_identifier(db, "GB-SC-SC012345")
    protected = build_return(db, Period.financial_year(2024), "Alliance return")
    assert return_document(protected)["publisher"]["identifier"] == "GB-SC-SC012345"
