"""Returns built from a real encrypted database: hand-computed figures, no leaks, the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.case_studies import CaseStudy as StoredCaseStudy
from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.domain.returns.ptable import peerlog_table
from desktop_app.domain.sessions import Session
from desktop_app.services import case_studies, people, sessions
from desktop_app.services.access import NotAllowed
from desktop_app.services.databases import open_database
from desktop_app.services.protection import audit, users
from desktop_app.services.returns.build import (
    build_return,
    export_return,
    hourly_rate,
    shareable_case_study,
)
from desktop_app.services.returns.formats import FORMATS, write_return
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.returns.queries import return_counts
from tests.conftest import PASSPHRASE
from tests.returns.return_readback import all_text, json_document
from tests.returns.small_organisation import PLANTED, build_small_organisation
from tests.test_cli_basics import assert_plain_failure, peerlog

PERIOD = Period.financial_year(2024)  # 1 April 2024 to 31 March 2025


def values(result: ProtectedReturn, section: str, table: str | None = None) -> dict[str, object]:
    found = next(s for s in result.sections if s.code == section)
    figures = (
        found.figures if table is None else next(t for t in found.tables if t.code == table).rows
    )
    return {f.code: f.value for f in figures}


@pytest.fixture
def organisation(db: Database) -> Database:
    build_small_organisation(db)
    return db


def test_hand_computed_figures(organisation: Database) -> None:
    """Exact figures (only on purpose): counts of people protected by suppression alone."""
    result = build_return(organisation, PERIOD, "Alliance return", exact=True)
    assert result.organisation == "Test Group"
    # Sessions: 10 Apr (120 min), 15 May (90), 20 Jun (60), 8 Jan (90); not 20 Mar or 2 Apr.
    assert values(result, "sessions") == {"total": 4, "hours_delivered": 6.0}
    assert values(result, "sessions", "by_kind") == {"group": 2, "one_to_one": 1, "drop_in": 1}
    assert values(result, "sessions", "by_mode") == {"in_person": 2, "phone": 1, "online": 1}
    # Attendances: 8 + 12 + 1 + 2 registered, 3 + 6 anonymous. June's 1 is hidden, and then
    # the smallest other month: April and January both have 8; April comes first.
    assert values(result, "attendances") == {"registered": 23, "anonymous": 9, "total": 32}
    months = values(result, "attendances", "per_month")
    assert (months["2024-04"], months["2024-05"], months["2024-06"], months["2025-01"]) == (
        None, 15, None, 8,
    )  # fmt: skip
    assert {months[m] for m in months if m not in ("2024-04", "2024-05", "2024-06", "2025-01")} == {
        0
    }
    # 12 people came; 2 of them first came in March 2024, so "new" (10) would reveal 2.
    assert values(result, "participants") == {"unique": 12, "new": None}
    # Ages on 31 March 2025: six 35, four 65, one 94, one unknown.
    age = values(result, "age", "age_band")
    assert age == {
        "under_18": 0, "18_24": 0, "25_34": 0, "35_44": 6, "45_54": 0, "55_64": 0,
        "65_74": None, "75_plus": None, "not_known": None,
    }  # fmt: skip
    assert values(result, "gender", "gender") == {
        "woman": 7, "man": 5, "non_binary": 0, "self_described": 0, "not_stated": 0,
        "not_recorded": 0,
    }  # fmt: skip
    ethnicity = values(result, "ethnicity", "ethnicity")
    assert ethnicity["white_roma"] is None and ethnicity["white_british"] is None
    assert values(result, "ethnicity", "ethnicity_high_level")["white"] == 12
    assert values(result, "disability", "disability") == {
        "yes": 5, "no": 7, "not_stated": 0, "not_recorded": 0,
    }  # fmt: skip
    assert values(result, "referral_source", "referral_source")["self"] == 6
    # LS7 (3) and ZZ1 (1) are counted together as other districts (4), hidden with LS6 (8).
    assert values(result, "postcode_district", "postcode_district") == {"LS6": None, "other": None}
    # Volunteers: three active (facilitated, or logged hours), 2 + 1.5 + 1.5 + 1 + 3.5 hours.
    assert values(result, "volunteers") == {
        "active": None, "hours": 9.5, "value": 95.0, "rate": 10.0,
        "training_completed": None, "dbs_in_date": None,
    }  # fmt: skip
    assert values(result, "onward_referrals") == {"total": 6}
    assert values(result, "onward_referrals", "by_destination") == {
        "citizens_advice": None, "other": None,
    }  # fmt: skip
    assert values(result, "safeguarding") == {"concerns": None, "resolved": 0}
    assert values(result, "outcomes", "wemwbs") == {
        "people": 5, "mean_baseline": 33.6, "mean_follow_up": 39.2, "mean_change": 5.6,
        "improved": None, "worse": None, "no_change": None,
    }  # fmt: skip


def record_keys(db: Database, table: str) -> dict[str, int]:
    """Every record key by reference: read here only to work out the expected cell keys."""
    return dict(db.connection().execute(f"SELECT ref, record_key FROM {table}").fetchall())


def test_hand_computed_figures_perturbed(organisation: Database) -> None:
    """The default: each count of people is the ptable's value for the hand-counted people."""
    result = build_return(organisation, PERIOD, "Alliance return")
    person_keys = record_keys(organisation, "people")
    refs = ["REF-ZQ-771", "REF-PX-772", *[f"M-{n:03d}" for n in range(3, 14)]]
    volunteer_keys = [key for _, key in sorted(record_keys(organisation, "volunteers").items())]
    table = peerlog_table(10)  # one table for every threshold

    def people(*numbers: int) -> int:  # the published count of these people (1 = first)
        return table.published(len(numbers), sum(person_keys[refs[n - 1]] for n in numbers))

    def volunteers(*numbers: int) -> int:
        return table.published(len(numbers), sum(volunteer_keys[n - 1] for n in numbers))

    # Counts that are not of people stay exact.
    assert values(result, "sessions") == {"total": 4, "hours_delivered": 6.0}
    assert values(result, "attendances") == {"registered": 23, "anonymous": 9, "total": 32}
    # People 1-12 came; 1 and 2 had come before the period (13 only before it).
    assert values(result, "participants") == {
        "unique": people(*range(1, 13)),
        "new": people(*range(3, 13)),
    }
    assert values(result, "age", "age_band") == {
        "under_18": 0, "18_24": 0, "25_34": 0, "35_44": people(1, 2, 3, 4, 5, 6),
        "45_54": 0, "55_64": 0, "65_74": people(7, 8, 9, 10), "75_plus": people(11),
        "not_known": people(12),
    }  # fmt: skip
    gender = values(result, "gender", "gender")
    assert (gender["woman"], gender["man"]) == (people(*range(1, 8)), people(*range(8, 13)))
    total = next(t for s in result.sections for t in s.tables if t.code == "gender").total
    assert total is not None and total.value == people(*range(1, 13)) and total.perturbed
    assert values(result, "disability", "disability") == {
        "yes": people(1, 2, 3, 4, 5), "no": people(*range(6, 13)), "not_stated": 0,
        "not_recorded": 0,
    }  # fmt: skip
    high = values(result, "ethnicity", "ethnicity_high_level")
    assert high["white"] == people(*range(1, 13))
    assert values(result, "ethnicity", "ethnicity")["white_roma"] == people(11, 12)
    # LS6 (people 1-8) is named only if its published count is not 0; LS7 (3), ZZ1 (1) never.
    districts = values(result, "postcode_district", "postcode_district")
    assert districts.get("LS6", 0) in (people(*range(1, 9)), 0)
    # Volunteers 1-3 active (facilitated, or logged hours); volunteer 1 trained in the period;
    # checks in date at the end: 1, 3 and 4.
    assert values(result, "volunteers") == {
        "active": volunteers(1, 2, 3), "hours": 9.5, "value": 95.0, "rate": 10.0,
        "training_completed": volunteers(1), "dbs_in_date": volunteers(1, 3, 4),
    }  # fmt: skip
    wemwbs = values(result, "outcomes", "wemwbs")
    assert (wemwbs["people"], wemwbs["improved"], wemwbs["worse"], wemwbs["no_change"]) == (
        people(1, 2, 3, 4, 5), people(1, 2, 3), people(5), people(4),
    )  # fmt: skip
    # 5 people: fewer than the 10 a perturbed mean needs (two returns' rounded means of so few
    # could pin one person's score), so no mean is shown
    assert wemwbs["mean_baseline"] is wemwbs["mean_follow_up"] is wemwbs["mean_change"] is None
    perturbed = {f.code for _, _, f in result.all_figures() if f.perturbed}
    assert {"unique", "new", "active", "people", "improved", "woman"} <= perturbed
    assert not any(f.perturbed for _, _, f in result.all_figures() if f.kind != "people")


def test_the_same_database_and_period_give_identical_figures(
    organisation: Database, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    write_return(build_return(organisation, PERIOD, "Alliance return"), "json", first)
    write_return(build_return(organisation, PERIOD, "Alliance return"), "json", second)
    assert first.read_bytes() == second.read_bytes()
    # The same people give the same number in another template and at another threshold
    # that shares the table (3 to 5 share one).
    funder = build_return(organisation, PERIOD, "Funder summary", threshold=3)
    assert (
        values(funder, "participants")["unique"] == json_document(first)["participants"]["unique"]
    )


def test_a_lower_threshold_shows_more(organisation: Database) -> None:
    result = build_return(organisation, PERIOD, "Alliance return", threshold=3, exact=True)
    assert values(result, "volunteers")["active"] == 3
    assert values(result, "volunteers")["dbs_in_date"] == 3  # the one checked in 2021 is due
    assert values(result, "volunteers")["training_completed"] is None  # 1


def test_nothing_below_the_aggregate_leaves_in_any_format(
    organisation: Database, tmp_path: Path
) -> None:
    zebedee = people.find_people(organisation, "Zebedee")[0]
    study = case_studies.add_case_study(
        organisation,
        StoredCaseStudy(
            zebedee.id,
            date(2025, 2, 1),
            "How Zebedee found the group",
            "Zebedee Quarrington came with Philippa. Yolanda Fitzwilliam welcomed them both. "
            f"(Our reference {zebedee.ref}.)",
            consent_to_share=True,
        ),
    )
    shared = shareable_case_study(organisation, study.id)
    assert shared.title == "How [name] found the group"
    assert shared.text == (
        "[name] came with [name]. [name] welcomed them both. (Our reference [name].)"
    )
    for template in ("Alliance return", "Funder summary"):
        result = build_return(organisation, PERIOD, template, chosen_case_studies=[shared])
        for fmt in FORMATS:
            path = tmp_path / f"{template}.{fmt}"
            write_return(result, fmt, path)
            text = all_text(path).casefold()
            if fmt != "csv":  # the CSV is a table of numbers only
                assert "[name] came with [name]" in text
            leaked = [planted for planted in PLANTED if planted.casefold() in text]
            assert leaked == [], f"{fmt} of {template} shows {leaked}"


def test_a_story_without_consent_to_share_is_refused(organisation: Database) -> None:
    person = people.find_people(organisation, "Philippa")[0]
    study = case_studies.add_case_study(
        organisation, StoredCaseStudy(person.id, date(2025, 2, 1), "Not for sharing", "Private")
    )
    with pytest.raises(ValidationFailed, match="has not agreed to share it"):
        shareable_case_study(organisation, study.id)


def test_age_is_reached_in_the_year_of_the_periods_last_day(db: Database) -> None:
    """Only the year of birth is known: the age is the one reached during the year the period
    ends in; a year after that is not known (a typing slip), never a negative age."""
    period = Period.financial_year(2020)  # ends 31 March 2021
    born = [1996, 2003, 2004, 2021, 2022, None]
    attendees = tuple(
        people.add_person(db, Person(f"Born {year}", year_of_birth=year)).id for year in born
    )
    sessions.log_session(
        db, Session(date(2020, 6, 1), "group", "in_person", attendee_ids=attendees)
    )
    counts = return_counts(db.connection(), period.start, period.end, period.start)
    assert counts.breakdowns.by_age == {25: 1, 18: 1, 17: 1, 0: 1, None: 2}


def test_the_default_hourly_rate(db: Database) -> None:
    assert hourly_rate(db) == 12.21


def test_the_cli_writes_every_format(organisation: Database, db_path: Path, tmp_path: Path) -> None:
    expected = build_return(organisation, PERIOD, "Alliance return")
    organisation.close()
    for fmt in FORMATS:
        out = tmp_path / f"return.{fmt}"
        result = peerlog(
            "return", "--db", db_path, "--from", "2024-04-01", "--to", "2025-03-31",
            "--format", fmt, "--out", out, PEERLOG_PASSPHRASE=PASSPHRASE,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Return for 1 April 2024 to 31 March 2025 written to" in result.stdout
        assert out.stat().st_size > 0
    doc = json_document(tmp_path / "return.json")
    assert doc["participants"] == values(expected, "participants")  # perturbed, the default
    assert doc["template"] == expected.template == "Alliance return"
    assert doc["disclosure"]["method"] == "cell_key_perturbation"


def test_the_cli_explains_what_is_wrong(db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    base = ("return", "--db", db_path, "--format", "csv", "--out", tmp_path / "r.csv")
    good = ("--from", "2024-04-01", "--to", "2025-03-31")
    assert_plain_failure(
        peerlog(*base, *good, "--threshold", "2", PEERLOG_PASSPHRASE=PASSPHRASE),
        "The threshold must be a whole number from 3 to 10",
    )
    assert_plain_failure(
        peerlog(*base, *good, "--template", "Lottery", PEERLOG_PASSPHRASE=PASSPHRASE),
        'There is no return template called "Lottery"',
    )
    assert_plain_failure(
        peerlog(*base, "--from", "2025-04-01", "--to", "2025-03-31", PEERLOG_PASSPHRASE=PASSPHRASE),
        "before it starts",
    )
    wrong_date = peerlog(*base, "--from", "1/4/2024", "--to", "2025-03-31")
    assert wrong_date.returncode == 2
    assert "write it as YYYY-MM-DD" in wrong_date.stderr
    assert not (tmp_path / "r.csv").exists()


def test_a_lead_may_not_export_returns(db: Database, tmp_path: Path) -> None:
    users.add_user(db, "Sam Lead", Role.LEAD, "lead volunteer walks the dog daily")
    folder = db.folder
    db.close()
    lead_db = open_database(folder, "lead volunteer walks the dog daily")
    try:
        result = build_return(lead_db, PERIOD, "Alliance return")
        with pytest.raises(NotAllowed):
            export_return(lead_db, result, "csv", tmp_path / "r.csv")
    finally:
        lead_db.close()
    assert not (tmp_path / "r.csv").exists()


def test_exporting_a_return_is_audited_and_whole(organisation: Database, tmp_path: Path) -> None:
    result = build_return(organisation, PERIOD, "Alliance return")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "return.xlsx"
    export_return(organisation, result, "xlsx", out)
    assert out.stat().st_size > 0
    assert list(folder.iterdir()) == [out]  # no partial file left behind
    newest = audit.list_entries(organisation).rows[0]
    assert (newest.action, newest.record_kind) == ("return", "return")
    exact = build_return(organisation, PERIOD, "Alliance return", exact=True)
    export_return(organisation, exact, "pdf", folder / "exact.pdf")
    newest = audit.list_entries(organisation).rows[0]
    assert (newest.action, newest.record_kind) == ("return", "return with exact figures")


def test_the_cli_writes_exact_figures_only_when_asked(
    organisation: Database, db_path: Path, tmp_path: Path
) -> None:
    organisation.close()
    out = tmp_path / "exact.json"
    result = peerlog(
        "return", "--db", db_path, "--from", "2024-04-01", "--to", "2025-03-31",
        "--exact", "--format", "json", "--out", out, PEERLOG_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json_document(out)
    assert doc["disclosure"]["method"] == "exact"
    assert doc["participants"] == {"unique": 12, "new": None}  # suppressed as before
    assert "/participants/new" in doc["suppressed"]


def test_dbs_checks_in_date_follow_the_organisations_renewal_setting(
    organisation: Database,
) -> None:
    """Checks on 10 Jan 2023, 1 Jun 2021, 1 Feb 2024 and 1 May 2024; the year ends 31 Mar 2025."""
    from desktop_app.services import settings
    from desktop_app.services.returns.build import return_figures

    assert return_figures(organisation, PERIOD).volunteers.dbs_in_date == 3  # every 3 years
    settings.set_dbs_renewal_years(organisation, 1)
    assert return_figures(organisation, PERIOD).volunteers.dbs_in_date == 1  # only 1 May 2024
