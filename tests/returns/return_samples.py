"""Hand-built return figures for a small invented organisation (no database needed)."""

from __future__ import annotations

from desktop_app.domain.returns.figures import (
    AttendanceFigures,
    CaseStudy,
    OutcomeFigures,
    OutcomeKeys,
    ParticipantFigures,
    PeopleBreakdowns,
    PeopleKeys,
    ReturnFigures,
    SessionFigures,
    VolunteerFigures,
)
from desktop_app.domain.returns.periods import Period

ORGANISATION = "Ŵrecsam Café Peer Support — Ñandú & Żółw"  # renders only with a Unicode font
PERIOD = Period.financial_year(2024)
MONTHS = PERIOD.months()


def sample_figures() -> ReturnFigures:
    """42 people; small cells in several breakdowns so that suppression is exercised."""
    sessions_per_month = [4, 5, 6, 4, 3, 5, 6, 7, 4, 5, 4, 3]
    attendances_per_month = [20, 31, 3, 25, 2, 28, 33, 40, 22, 27, 24, 39]
    return ReturnFigures(
        organisation=ORGANISATION,
        period=PERIOD,
        sessions=SessionFigures(
            total=56,
            by_kind={"group": 40, "one_to_one": 10, "drop_in": 6},
            by_mode={"in_person": 44, "phone": 3, "online": 9},
            hours_delivered=97.5,
            per_month=dict(zip(MONTHS, sessions_per_month, strict=True)),
        ),
        attendances=AttendanceFigures(
            registered=250,
            anonymous=44,
            per_month=dict(zip(MONTHS, attendances_per_month, strict=True)),
        ),
        participants=ParticipantFigures(unique=42, new=17),
        breakdowns=PeopleBreakdowns(
            by_age={19: 3, 22: 4, 30: 8, 41: 9, 50: 7, 60: 6, 70: 2, 80: 1, None: 2},
            gender={"woman": 24, "man": 15, "non_binary": 2, "not_stated": 1},
            ethnicity={
                "white_british": 28,
                "white_irish": 3,
                "white_roma": 2,
                "asian_pakistani": 5,
                "black_african": 3,
                "mixed_other": 1,
            },
            disability={"yes": 19, "no": 20, "not_stated": 3},
            referral_source={"self": 12, "gp_practice": 10, "social_prescribing": 14, "vcse": 6},
            postcode_district={"LL11": 20, "LL12": 12, "LL13": 7, "CH4": 1, "not_known": 2},
        ),
        volunteers=VolunteerFigures(
            active=9, hours=312.5, hourly_rate=12.21, training_completed=6, dbs_in_date=3
        ),
        outcomes=(
            OutcomeFigures(
                "wemwbs",
                "WEMWBS",
                20,
                40.25,
                44.75,
                4.5,
                14,
                4,
                2,
                keys=OutcomeKeys(3, 200, 61, 254),
            ),
            OutcomeFigures(
                "ucla3",
                "UCLA loneliness (3 items)",
                4,
                7.5,
                6.0,
                -1.5,
                3,
                1,
                0,
                keys=OutcomeKeys(17, 16, 1, 0),
            ),
            OutcomeFigures(
                "ons4_3",
                "ONS4: happiness",
                12,
                5.5,
                6.25,
                0.75,
                7,
                2,
                3,
                keys=OutcomeKeys(250, 9, 0, 241),
            ),
        ),
        onward_referrals={"Debt advice": 6, "Housing": 2, "Talking therapies": 11},
        safeguarding_concerns=2,
        safeguarding_resolved=1,
        keys=sample_keys(),
        case_studies=(
            CaseStudy(
                "Finding the group again",
                "[name] first came to a drop-in in the spring. After a few months [name] began "
                "helping set up the room, and now co-facilitates the Thursday group.",
            ),
        ),
    )


def sample_keys() -> PeopleKeys:
    """Cell keys for the sample's counts of people, chosen by hand (any 0..255 will do): the
    sums of record keys the database would have added up."""
    return PeopleKeys(
        unique=100,
        new=37,
        breakdowns=PeopleBreakdowns(
            by_age={19: 5, 22: 250, 30: 3, 41: 128, 50: 77, 60: 0, 70: 201, 80: 9, None: 64},
            gender={"woman": 11, "man": 190, "non_binary": 255, "not_stated": 42},
            ethnicity={
                "white_british": 7,
                "white_irish": 99,
                "white_roma": 180,
                "asian_pakistani": 3,
                "black_african": 240,
                "mixed_other": 18,
            },
            disability={"yes": 60, "no": 61, "not_stated": 62},
            referral_source={"self": 1, "gp_practice": 2, "social_prescribing": 130, "vcse": 222},
            postcode_district={"LL11": 33, "LL12": 44, "LL13": 55, "CH4": 66, "not_known": 77},
        ),
        volunteers_active=12,
        training_completed=140,
        dbs_in_date=250,
    )
