"""From exact figures to the protected return: hand-checked against the sample organisation.

Exact figures (a return for a funder with a data sharing agreement) are protected by suppression
alone; the default, perturbed figures are checked against the ptable looked up by hand."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.age_bands import STANDARD_AGE_BANDS, band_for, band_labels
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.figures import ParticipantFigures
from desktop_app.domain.returns.periods import Period, PeriodError
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn
from desktop_app.domain.returns.protection import protect_return
from desktop_app.domain.returns.templates import parse_template
from desktop_app.resources import resource_path
from desktop_app.services.returns.templates import find_template
from tests.returns.return_samples import sample_figures


def values(result: ProtectedReturn, section: str, table: str | None = None) -> dict[str, object]:
    found = next(s for s in result.sections if s.code == section)
    figures: tuple[Figure, ...] = found.figures
    if table is not None:
        figures = next(t for t in found.tables if t.code == table).rows
    return {f.code: f.value for f in figures}


EXACT = DisclosureRules(exact=True)


@pytest.fixture
def alliance() -> ProtectedReturn:
    return protect_return(sample_figures(), find_template("Alliance return"), EXACT)


def test_sessions_and_hours_are_shown_as_they_are(alliance: ProtectedReturn) -> None:
    assert values(alliance, "sessions") == {"total": 56, "hours_delivered": 97.5}
    assert values(alliance, "sessions", "by_mode") == {"in_person": 44, "phone": 3, "online": 9}


def test_attendances_are_protected_like_people(alliance: ProtectedReturn) -> None:
    assert values(alliance, "attendances") == {"registered": 250, "anonymous": 44, "total": 294}
    months = values(alliance, "attendances", "per_month")
    assert months["2024-06"] is None and months["2024-08"] is None  # 3 and 2: 5 together
    assert sum(v for v in months.values() if v is not None) == 294 - 5


def test_breakdowns_hand_checked(alliance: ProtectedReturn) -> None:
    # non_binary 2 + not_stated 1 = 3 < 5, so the next smallest, man (15), is hidden too.
    assert values(alliance, "gender", "gender") == {
        "woman": 24, "man": None, "non_binary": None, "self_described": 0, "not_stated": None,
        "not_recorded": 0,
    }  # fmt: skip
    # 65_74: 2 (age 70), 75_plus: 1, not_known: 2 -> 5 hidden together.
    age = values(alliance, "age", "age_band")
    assert [age[c] for c in ("18_24", "65_74", "75_plus", "not_known")] == [7, None, None, None]
    high = values(alliance, "ethnicity", "ethnicity_high_level")
    assert high == {
        "white": 33,
        "mixed": None,
        "asian": None,
        "black": None,
        "other": 0,
        "not_stated": 0,
        "not_recorded": 0,
    }
    detail = values(alliance, "ethnicity", "ethnicity")
    assert (
        detail["white_british"] == 28
        and detail["white_roma"] is None
        and detail["white_irish"] is None
    )


def test_new_people_hidden_when_returning_people_would_be_few() -> None:
    figures = replace(sample_figures(), participants=ParticipantFigures(unique=42, new=39))
    result = protect_return(figures, find_template("Alliance return"), EXACT)
    assert values(result, "participants") == {"unique": 42, "new": None}


def test_volunteers_and_outcomes(alliance: ProtectedReturn) -> None:
    assert values(alliance, "volunteers") == {
        "active": 9, "hours": 312.5, "value": 3815.63, "rate": 12.21,
        "training_completed": 6, "dbs_in_date": None,
    }  # fmt: skip
    assert values(alliance, "outcomes", "wemwbs")["mean_change"] == 4.5
    assert set(values(alliance, "outcomes", "ucla3").values()) == {None}  # 4 people
    assert values(alliance, "safeguarding") == {"concerns": None, "resolved": None}


def test_the_headline_repeats_section_figures(alliance: ProtectedReturn) -> None:
    assert [(f.label, f.value) for f in alliance.headline] == [
        ("Sessions held", 56),
        ("Hours delivered", 97.5),
        ("All attendances", 294),
        ("People who took part", 42),
        ("New people", 17),
        ("Active volunteers", 9),
        ("Volunteer hours", 312.5),
    ]


def test_own_bands_beside_standard_ones_are_protected_as_linked_tables() -> None:
    template = parse_template(
        {
            "peerlog_template": 1,
            "name": "Both",
            "sections": [
                {
                    "section": "age",
                    "age_bands": [{"from": 18, "to": 34}, {"from": 35, "to": 64}, {"from": 65}],
                    "also_standard_bands": True,
                }
            ],
        },
        "both.json",
    )
    result = protect_return(sample_figures(), template, EXACT)
    assert values(result, "age", "age_band_own") == {
        "under_18": 0, "18_34": 15, "35_64": 22, "65_plus": None, "not_known": None,
    }  # fmt: skip
    standard = values(result, "age", "age_band")
    # 65_74 (2) and 75_plus (1) sit under the hidden "65 and over"; with not_known (2) they are
    # the hidden people under hidden high-level cells: 5 in three cells, safe.
    assert [standard[c] for c in ("65_74", "75_plus", "not_known")] == [None, None, None]


def test_figures_that_do_not_add_up_are_refused() -> None:
    figures = replace(sample_figures(), participants=ParticipantFigures(unique=41, new=17))
    with pytest.raises(ValueError, match="does not add up"):
        protect_return(figures, find_template("Alliance return"), DisclosureRules())


def test_period_presets() -> None:
    assert Period.financial_year(2024) == Period(date(2024, 4, 1), date(2025, 3, 31))
    assert Period.financial_year_containing(date(2025, 3, 31)) == Period.financial_year(2024)
    assert Period.financial_year_containing(date(2025, 4, 1)) == Period.financial_year(2025)
    assert Period.calendar_year(2025) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert Period.quarter(2024, 1) == Period(date(2024, 4, 1), date(2024, 6, 30))
    assert Period.quarter(2024, 4) == Period(date(2025, 1, 1), date(2025, 3, 31))
    assert Period.quarter(2024, 3).label == "1 October 2024 to 31 December 2024"
    assert Period(date(2024, 11, 20), date(2025, 2, 3)).months() == [
        "2024-11", "2024-12", "2025-01", "2025-02",
    ]  # fmt: skip
    with pytest.raises(PeriodError, match="quarter is numbered 1 to 4"):
        Period.quarter(2024, 5)
    with pytest.raises(PeriodError, match=r"ends \(31 March 2024\) before it starts"):
        Period(date(2024, 4, 1), date(2024, 3, 31))


def test_standard_age_bands_are_those_of_the_shared_vocabulary() -> None:
    reference = resource_path("reference", "vocabularies.md").read_text(encoding="utf-8")
    heading = reference.index("## Age bands")
    codes_line = reference[heading:].splitlines()[1]
    assert [code for code, _label in band_labels(STANDARD_AGE_BANDS)] == re.findall(
        r"`(\w+)`", codes_line
    )


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "under_18"), (17, "under_18"), (18, "18_24"), (24, "18_24"), (25, "25_34"),
     (64, "55_64"), (74, "65_74"), (75, "75_plus"), (120, "75_plus"), (None, "not_known")],
)  # fmt: skip
def test_standard_age_band_of_an_age(age: int | None, band: str) -> None:
    assert band_for(age, STANDARD_AGE_BANDS) == band


def test_a_count_of_people_without_its_cell_key_is_refused() -> None:
    """A new row added to a breakdown must bring its cell key (e.g. from the SQL)."""
    figures = sample_figures()
    assert figures.keys is not None
    keys = replace(
        figures.keys,
        breakdowns=replace(figures.keys.breakdowns, gender={"woman": 11, "man": 190}),
    )
    with pytest.raises(ValueError, match="No cell key for the count"):
        protect_return(
            replace(figures, keys=keys), find_template("Alliance return"), DisclosureRules()
        )
