"""Working days across bank holidays of England and Wales (the shipped GOV.UK list), and the
rules PeerLog falls back on outside the years that list covers."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.referrals.working_days import (
    england_and_wales,
    regular_bank_holidays,
    working_days_between,
)

ONE_OFF = {
    date(2020, 5, 8),  # VE day, instead of 4 May
    date(2022, 6, 2),  # spring bank holiday moved for the Platinum Jubilee (instead of 30 May)
    date(2022, 6, 3),  # Platinum Jubilee
    date(2022, 9, 19),  # the State Funeral of Queen Elizabeth II
    date(2023, 5, 8),  # the coronation of King Charles III
}
MOVED = {date(2020, 5, 4), date(2022, 5, 30)}


def test_the_shipped_list_is_the_rules_plus_the_one_off_holidays() -> None:
    calendar = england_and_wales()
    assert (calendar.first_year, calendar.last_year) == (2018, 2027)
    assert "gov.uk" in calendar.source.lower()
    by_rule = {d for y in range(2018, 2028) for d in regular_bank_holidays(y)}
    assert calendar.listed == (by_rule - MOVED) | ONE_OFF


def test_substitute_days_for_christmas_at_a_weekend() -> None:
    assert {d for d in regular_bank_holidays(2021) if d.month == 12} == {
        date(2021, 12, 27),
        date(2021, 12, 28),
    }  # Saturday and Sunday
    assert {d for d in regular_bank_holidays(2026) if d.month == 12} == {
        date(2026, 12, 25),
        date(2026, 12, 28),
    }  # Boxing Day on a Saturday


def test_counting_working_days() -> None:
    friday, monday = date(2026, 11, 27), date(2026, 11, 30)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, date(2026, 12, 7)) == 5  # a whole week
    assert working_days_between(monday, friday) == 0  # not before it was received


def test_easter_and_christmas_are_not_working_days() -> None:
    # Thursday 2 April 2026 to Thursday 9 April: Good Friday and Easter Monday are holidays.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 9)) == 3
    # Christmas Eve 2026 (Thursday) to 4 January 2027: 25 and 28 Dec, 1 Jan are holidays.
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4
    # The funeral day in 2022 was a one-off holiday, in the list.
    assert working_days_between(date(2022, 9, 16), date(2022, 9, 20)) == 1


def test_beyond_the_list_the_regular_holidays_still_count() -> None:
    calendar = england_and_wales()
    assert not calendar.covers(2028)
    # Easter 2028 is 16 April: Good Friday 14 April, Easter Monday 17 April.
    assert calendar.is_holiday(date(2028, 4, 14)) and calendar.is_holiday(date(2028, 4, 17))
    assert working_days_between(date(2028, 4, 13), date(2028, 4, 18)) == 1
