"""A motivated reader with two returns (issue #16): random small organisations, any two returns
the app can produce for nested periods (a year and its quarter, the year less its last week, the
same period with another template or threshold). The reader knows the ptables, subtracts the two
returns cell by cell, and combines each table with its total; they must never learn with
certainty a count of people from 1 to k-1, nor one person's score.

The figures are aggregated here from a model of people (the SQL is tested on a real database in
test_build_return.py); protection is the app's own `protect_return`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from statistics import fmean

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.figures import (
    AttendanceFigures,
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
from desktop_app.domain.returns.perturbation import MEAN_STEP
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.domain.returns.protection import protect_return
from desktop_app.domain.returns.ptable import KEYS, PerturbationTable, peerlog_table
from desktop_app.domain.returns.templates import ReturnTemplate, parse_template
from desktop_app.services.returns.templates import find_template

FIRST_DAY = date(2024, 4, 1)
DAYS = 365
LARGEST = 60  # counts considered by the reader: far above any the model makes
WEMWBS = (14, 70)
# Exact figures in the same structure as a perturbed return, to know the truth.
IDENTITY = PerturbationTable("identity", [(n, key, 0) for n in range(1, 51) for key in range(KEYS)])


@dataclass(frozen=True)
class Person:
    key: int
    gender: str
    ethnicity: str
    disability: str
    referral: str
    district: str
    born: int | None
    days: frozenset[int]
    scores: tuple[int, int, int] | None  # baseline, follow-up, day of the follow-up


@dataclass(frozen=True)
class Volunteer:
    key: int
    days: frozenset[int]


people_st = st.builds(
    Person,
    key=st.integers(0, 255),
    gender=st.sampled_from(["woman", "man", "non_binary"]),
    ethnicity=st.sampled_from(["white_british", "white_roma", "asian_pakistani"]),
    disability=st.sampled_from(["yes", "no"]),
    referral=st.sampled_from(["self", "gp_practice"]),
    district=st.sampled_from(["LS6", "LS7", "ZZ1"]),
    born=st.one_of(st.none(), st.integers(1930, 2005)),
    days=st.frozensets(st.integers(0, DAYS - 1), min_size=1, max_size=3),
    scores=st.one_of(
        st.none(),
        st.tuples(st.integers(*WEMWBS), st.integers(*WEMWBS), st.integers(0, DAYS - 1)),
    ),
)
volunteers_st = st.builds(
    Volunteer, key=st.integers(0, 255), days=st.frozensets(st.integers(0, DAYS - 1), max_size=3)
)


@cache
def templates() -> tuple[ReturnTemplate, ...]:
    own_bands = parse_template(
        {
            "peerlog_template": 1,
            "name": "Own bands",
            "sections": [
                {"section": "participants"},
                {
                    "section": "age",
                    "age_bands": [{"from": 18, "to": 34}, {"from": 35, "to": 64}, {"from": 65}],
                    "also_standard_bands": True,
                },
                {"section": "outcomes"},
            ],
        },
        "own.json",
    )
    return (find_template("Alliance return"), find_template("Funder summary"), own_bands)


def day(n: int) -> date:
    return FIRST_DAY + timedelta(days=n)


def _counted(people: Iterable[Person], value: str) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = {}
    keys: dict[str, int] = {}
    for person in people:
        code = getattr(person, value)
        counts[code] = counts.get(code, 0) + 1
        keys[code] = (keys.get(code, 0) + person.key) % KEYS
    return counts, keys


def figures(
    people: list[Person], volunteers: list[Volunteer], first: int, last: int
) -> ReturnFigures:
    """What the app's queries would give for days first..last, with cell keys."""
    period = Period(day(first), day(last))
    came = [p for p in people if any(first <= d <= last for d in p.days)]
    new = [p for p in came if min(p.days) >= first]
    end_year = period.end.year

    def age(p: Person) -> int | None:
        return None if p.born is None or p.born > end_year else end_year - p.born

    by_age: dict[int | None, int] = {}
    age_keys: dict[int | None, int] = {}
    for p in came:
        by_age[age(p)] = by_age.get(age(p), 0) + 1
        age_keys[age(p)] = age_keys.get(age(p), 0) + p.key
    tables = {name: _counted(came, name) for name in Person.__dataclass_fields__}
    active = [v for v in volunteers if any(first <= d <= last for d in v.days)]
    months = {m: 0 for m in period.months()}

    def breakdowns(which: int) -> PeopleBreakdowns:
        return PeopleBreakdowns(
            by_age=by_age if which == 0 else age_keys,
            gender=tables["gender"][which],
            ethnicity=tables["ethnicity"][which],
            disability=tables["disability"][which],
            referral_source=tables["referral"][which],
            postcode_district=tables["district"][which],
        )

    return ReturnFigures(
        organisation="Model",
        period=period,
        sessions=SessionFigures(0, {}, {}, 0.0, months),
        attendances=AttendanceFigures(0, 0, months),
        participants=ParticipantFigures(len(came), len(new)),
        breakdowns=breakdowns(0),
        volunteers=VolunteerFigures(len(active), 0.0, 12.0, 0, 0),
        outcomes=_outcomes(people, first, last),
        keys=PeopleKeys(
            sum(p.key for p in came) % KEYS,
            sum(p.key for p in new) % KEYS,
            breakdowns(1),
            sum(v.key for v in active) % KEYS,
            0,
            0,
        ),
    )


def _outcomes(people: list[Person], first: int, last: int) -> tuple[OutcomeFigures, ...]:
    pairs = [(p, p.scores) for p in people if p.scores and first <= p.scores[2] <= last]
    if not pairs:
        return ()
    groups: dict[str, list[Person]] = {"people": [], "improved": [], "worse": [], "no_change": []}
    for person, (before, after, _) in pairs:
        groups["people"].append(person)
        change = after - before
        groups["improved" if change >= 3 else "worse" if change <= -3 else "no_change"].append(
            person
        )
    keys = {g: sum(p.key for p in members) % KEYS for g, members in groups.items()}
    return (
        OutcomeFigures(
            "wemwbs",
            "WEMWBS",
            len(pairs),
            fmean(s[0] for _, s in pairs),
            fmean(s[1] for _, s in pairs),
            fmean(s[1] - s[0] for _, s in pairs),
            len(groups["improved"]),
            len(groups["worse"]),
            len(groups["no_change"]),
            OutcomeKeys(**keys),
        ),
    )


# What the reader sees: each count of people by where it is, and the tables with totals.
Place = tuple[str, str, str]  # (JSON key, table code or "", figure code)


def people_counts(result: ProtectedReturn) -> dict[Place, int]:
    """Every count of people shown (attendances, not counts of people, are left out; the model
    has none). A count shown exactly, not perturbed, is known exactly."""
    return {
        (s.json_key, t.code if t else "", f.code): int(f.value)
        for s, t, f in result.all_figures()
        if f.kind == "people" and f.value is not None and s.json_key != "attendances"
    }


def perturbed_places(result: ProtectedReturn) -> set[Place]:
    return {
        (s.json_key, t.code if t else "", f.code) for s, t, f in result.all_figures() if f.perturbed
    }


def tables(result: ProtectedReturn) -> list[tuple[list[Place], Place]]:
    """Each perturbed table: its cells' places and its total's place."""
    found = []
    for s in result.sections:
        for t in s.tables:
            if t.total is not None and t.total.perturbed:
                cells = [(s.json_key, t.code, f.code) for f in t.rows]
                found.append((cells, (s.json_key, t.code, "total")))
    return found


@cache
def preimages(table_name: str) -> dict[int, frozenset[int]]:
    table = IDENTITY if table_name == "identity" else peerlog_table(3 if "-5" in table_name else 10)
    found: dict[int, set[int]] = {}
    for n in range(LARGEST + 1):
        for key in range(KEYS):
            found.setdefault(table.published(n, key), set()).add(n)
    return {value: frozenset(ns) for value, ns in found.items()}


def could_be(result: ProtectedReturn) -> dict[Place, set[int]]:
    """For each count of people, every true count the reader cannot rule out, using the ptable
    and, for tables, that the cells add up to the total."""
    assert result.rules.ptable is not None
    pre = preimages(result.rules.ptable.name)
    shown = people_counts(result)
    perturbed = perturbed_places(result)
    possible = {
        place: set(pre[value]) if place in perturbed else {value} for place, value in shown.items()
    }
    for cells, total in tables(result):
        if total not in possible or any(c not in possible for c in cells):
            continue
        for cell in cells:
            others = [possible[c] for c in cells if c != cell]
            sums = _sums(others)
            possible[cell] = {
                n for n in possible[cell] if any(t - n in sums for t in possible[total])
            }
        sums = _sums([possible[c] for c in cells])
        possible[total] &= sums
    return possible


def _sums(sets: list[set[int]]) -> set[int]:
    sums = {0}
    for values in sets:
        sums = {a + b for a in sums for b in values if a + b <= LARGEST}
    return sums


def exact(result_rules: DisclosureRules) -> DisclosureRules:
    return DisclosureRules(result_rules.threshold, ptable=IDENTITY)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    people=st.lists(people_st, min_size=1, max_size=14),
    volunteers=st.lists(volunteers_st, max_size=6),
    data=st.data(),
)
def test_two_returns_never_reveal_a_small_count_or_a_score(
    people: list[Person], volunteers: list[Volunteer], data: st.DataObject
) -> None:
    first = data.draw(st.integers(0, DAYS - 2), label="first day of the longer period")
    last = data.draw(st.integers(first + 1, DAYS - 1), label="its last day")
    inner_first = data.draw(st.integers(first, last), label="first day of the shorter one")
    inner_last = data.draw(st.integers(inner_first, last), label="its last day")
    check_two_returns(people, volunteers, (first, last), (inner_first, inner_last), data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(people_st, min_size=2, max_size=12),
    newcomer=people_st,
    week=st.integers(1, 30),
    data=st.data(),
)
def test_the_year_less_its_last_days_never_reveals_the_newcomer(
    people: list[Person], newcomer: Person, week: int, data: st.DataObject
) -> None:
    """The issue's case: everyone came before the last days of the year but one person, who
    first came (and had their follow-up) in them."""
    inner_last = DAYS - 1 - week
    regulars = [
        replace(
            p,
            days=frozenset(d % (inner_last + 1) for d in p.days),
            scores=(p.scores[0], p.scores[1], p.scores[2] % (inner_last + 1))
            if p.scores
            else (WEMWBS[0] + p.key % 57, WEMWBS[0] + (p.key * 7) % 57, 0),
        )
        for p in people
    ]
    late = inner_last + 1
    new = replace(
        newcomer,
        days=frozenset({late}),
        scores=(*(newcomer.scores or (40, 50, 0))[:2], late),
    )
    check_two_returns([*regulars, new], [], (0, DAYS - 1), (0, inner_last), data)


def check_two_returns(
    people: list[Person],
    volunteers: list[Volunteer],
    outer_days: tuple[int, int],
    inner_days: tuple[int, int],
    data: st.DataObject,
) -> None:
    returns = []
    for start, end in (outer_days, inner_days):
        template = data.draw(st.sampled_from(templates()), label="template")
        k = data.draw(st.integers(3, 10), label="threshold")
        model = figures(people, volunteers, start, end)
        rules = DisclosureRules(k)
        returns.append(
            (
                protect_return(model, template, rules),
                protect_return(model, template, exact(rules)),
            )
        )
    (outer, outer_true), (inner, inner_true) = returns
    strict = max(outer.rules.threshold, inner.rules.threshold)
    truth_outer, truth_inner = people_counts(outer_true), people_counts(inner_true)
    possible_outer, possible_inner = could_be(outer), could_be(inner)

    # One return alone: no count of people pinned to 1..k-1.
    for result, possible, truth in (
        (outer, possible_outer, truth_outer),
        (inner, possible_inner, truth_inner),
    ):
        for place, values in possible.items():
            assert truth[place] in values, place  # the reader's reasoning is sound
            assert not (len(values) == 1 and 1 <= truth[place] < result.rules.threshold), place

    # Two returns: the difference of a count (the outer period holds the inner one's people).
    same_table = outer.rules.ptable == inner.rules.ptable
    shown_outer, shown_inner = people_counts(outer), people_counts(inner)
    for place in set(possible_outer) & set(possible_inner):
        difference = truth_outer[place] - truth_inner[place]
        if not 1 <= difference < strict:
            continue
        differences = {
            x - y
            for x in possible_outer[place]
            for y in possible_inner[place]
            if x >= y and (x != y or shown_outer[place] == shown_inner[place] or not same_table)
        }
        assert differences != {difference}, (place, difference)

    _one_score_never_pinned(outer, inner, outer_true, inner_true, possible_outer, possible_inner)


def _one_score_never_pinned(
    outer: ProtectedReturn,
    inner: ProtectedReturn,
    outer_true: ProtectedReturn,
    inner_true: ProtectedReturn,
    possible_outer: Mapping[Place, set[int]],
    possible_inner: Mapping[Place, set[int]],
) -> None:
    """When the outer period's outcome group is the inner one's and one more person, a reader
    who even knows that (from elsewhere) cannot work out that person's score."""
    place: Place = ("outcomes", "wemwbs", "people")
    truth_outer, truth_inner = people_counts(outer_true), people_counts(inner_true)
    if place not in truth_outer or place not in truth_inner:
        return
    if truth_outer[place] - truth_inner[place] != 1:
        return
    for mean in ("mean_baseline", "mean_follow_up"):
        m_outer = _figure(outer, mean)
        m_inner = _figure(inner, mean)
        if m_outer is None or m_inner is None:
            continue
        half = MEAN_STEP / 2
        # Even a reader who knows the true number of people in each group from elsewhere.
        for inner_counts in (possible_inner.get(place, set()), {truth_inner[place]}):
            scores = set()
            for n_inner in inner_counts:
                if n_inner + 1 not in possible_outer.get(place, set()) | {truth_outer[place]}:
                    continue
                low = (n_inner + 1) * (m_outer - half) - n_inner * (m_inner + half)
                high = (n_inner + 1) * (m_outer + half) - n_inner * (m_inner - half)
                scores |= {s for s in range(WEMWBS[0], WEMWBS[1] + 1) if low <= s <= high}
            assert len(scores) != 1, (mean, scores)


def _figure(result: ProtectedReturn, code: str) -> float | None:
    for s, t, f in result.all_figures():
        if s.json_key == "outcomes" and t is not None and t.code == "wemwbs" and f.code == code:
            return None if f.value is None else float(f.value)
    return None
