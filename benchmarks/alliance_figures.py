"""Combining an alliance's returns: 200 members' JSON returns (the full "Alliance return"
template, every section), read from a folder, checked against the schema and added up."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Figure, median_time, ms, verdict
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.figures import (
    AttendanceFigures,
    ParticipantFigures,
    PeopleBreakdowns,
    PeopleKeys,
    ReturnFigures,
    SessionFigures,
    VolunteerFigures,
)
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protection import protect_return
from desktop_app.services.alliance.combine import combine_returns
from desktop_app.services.returns.formats.json_format import return_document
from desktop_app.services.returns.templates import find_template

MEMBERS = 200
TARGET_SECONDS = 1.0


def member_figures(n: int, period: Period) -> ReturnFigures:
    """An invented member: figures that vary from member to member, some of them small."""
    months = period.months()
    people = 20 + n % 37
    breakdowns = PeopleBreakdowns(
        by_age={20 + n % 50: people - 3, 70: 2, None: 1},
        gender={"woman": people - 4 - n % 3, "man": 4, "non_binary": n % 3},
        ethnicity={"white_british": people - 5, "asian_pakistani": 3, "black_african": 2},
        disability={"yes": people // 2, "no": people - people // 2},
        referral_source={"self": people - 6, "gp_practice": 6},
        postcode_district={f"LS{n % 12 + 1}": people - 2, "not_known": 2},
    )
    keys = PeopleKeys(
        unique=n % 256,
        new=(n * 7) % 256,
        breakdowns=PeopleBreakdowns(
            by_age={k: (n + i) % 256 for i, k in enumerate(breakdowns.by_age)},
            gender={k: (n * 3 + i) % 256 for i, k in enumerate(breakdowns.gender)},
            ethnicity={k: (n * 5 + i) % 256 for i, k in enumerate(breakdowns.ethnicity)},
            disability={k: (n + 11 * i) % 256 for i, k in enumerate(breakdowns.disability)},
            referral_source={
                k: (n + 13 * i) % 256 for i, k in enumerate(breakdowns.referral_source)
            },
            postcode_district={
                k: (n + 17 * i) % 256 for i, k in enumerate(breakdowns.postcode_district)
            },
        ),
        volunteers_active=n % 256,
        training_completed=(n + 1) % 256,
        dbs_in_date=(n + 2) % 256,
    )
    return ReturnFigures(
        organisation=f"Member {n:03d}",
        period=period,
        sessions=SessionFigures(
            total=12 * 4,
            by_kind={"group": 36, "one_to_one": 10, "drop_in": 2},
            by_mode={"in_person": 40, "phone": 3, "online": 5},
            hours_delivered=72.0 + n,
            per_month=dict.fromkeys(months, 4),
        ),
        attendances=AttendanceFigures(
            registered=12 * (17 + n % 5) - n % 9,
            anonymous=n % 9,
            per_month=dict.fromkeys(months, 17 + n % 5),
        ),
        participants=ParticipantFigures(unique=people, new=people // 3),
        breakdowns=breakdowns,
        volunteers=VolunteerFigures(
            active=6 + n % 5,
            hours=150.0 + n,
            hourly_rate=12.21,
            training_completed=5,
            dbs_in_date=4,
        ),
        outcomes=(),
        onward_referrals={"Debt advice": 3 + n % 6, "Talking therapies": 8},
        safeguarding_concerns=n % 3,
        keys=keys,
    )


def write_member_returns(folder: Path, members: int = MEMBERS) -> None:
    period = Period.financial_year(2024)
    template = find_template("Alliance return")
    made = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)
    for n in range(members):
        protected = protect_return(member_figures(n, period), template, DisclosureRules())
        document = return_document(replace(protected, identifier=f"GB-CHC-{1000000 + n}"), made)
        (folder / f"member-{n:03d}.json").write_text(json.dumps(document), encoding="utf-8")


def measure(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="peerlog-alliance-") as name:
        folder = Path(name)
        write_member_returns(folder)
        result = combine_returns([folder])
        if result.alliance is None:
            raise RuntimeError(f"The benchmark's returns did not combine: {result.problems[:3]}")
        seconds = median_time(lambda: combine_returns([folder]), runs)
    return [
        Figure(
            f"Combine {MEMBERS} member returns (read, check, add up)",
            ms(seconds),
            f"< {TARGET_SECONDS:.0f} s",
            verdict(seconds < TARGET_SECONDS),
        )
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
