"""Combining members' returns: the checks before anything is added up, and honest arithmetic.

- Sessions, hours, attendances and referrals add up.
- Counts of unique people do not (someone at two members counts twice): the alliance figure is
  the members' counts added up, and says so.
- A figure a member hid is not a zero: the alliance total is "at least" the rest.
- Adjusted (perturbed) counts add up without bias, and the total says it is adjusted.
- Means combine as weighted means, only from members showing both the number of people and the
  mean.

Every alliance figure is worked out from members' published figures alone, so no figure a member
hid can be worked out from the alliance return and the other members' returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_app.domain.alliance.alliance_return import AllianceReturn, Block, Row, Total
from desktop_app.domain.alliance.labels import OPEN_TABLES, Place, place_of, section_order
from desktop_app.domain.alliance.member_return import Cell, MemberReturn
from desktop_app.domain.problems import long_date


@dataclass(frozen=True)
class Choice:
    """The members to combine (one return each) and what was said about the choice."""

    members: tuple[MemberReturn, ...]
    problems: tuple[str, ...]  # any of these stops the combining
    notes: tuple[str, ...]  # said, but nothing stops


def choose_members(returns: Sequence[MemberReturn], our_version: str) -> Choice:
    """Check the returns can be added up: one per member (the latest is kept), all from the same
    period and template, protected the same way, none from a newer PeerLog."""
    problems: list[str] = []
    notes: list[str] = []
    latest: dict[str, MemberReturn] = {}
    for member in returns:
        if member.peerlog_version and _newer(member.peerlog_version, our_version):
            problems.append(
                f"{member.source}: made by PeerLog {member.peerlog_version}, newer than this "
                f"PeerLog ({our_version}). Update PeerLog, then combine again."
            )
        kept = latest.get(member.key)
        if kept is None:
            latest[member.key] = member
            continue
        newer, older = (member, kept) if _made(member) >= _made(kept) else (kept, member)
        latest[member.key] = newer
        notes.append(
            f"{member.label} sent two returns: {newer.source} (made {_when(newer)}) is used, "
            f"not {older.source} (made {_when(older)})."
        )
    members = tuple(latest.values())
    if not members:
        problems.append("There are no returns to combine. Choose members' .json returns.")
        return Choice(members, tuple(problems), tuple(notes))
    problems += _differences(members, "period", lambda m: _period(m), "from the same period")
    problems += _differences(
        members,
        "template",
        lambda m: f'"{m.template}" version {m.template_version}',
        "made with the same template (send members the alliance's template file)",
    )
    problems += _differences(
        members,
        "protection",
        _protection_words,
        "protected the same way (ask members to make them again with the same settings)",
    )
    return Choice(members, tuple(problems), tuple(notes))


def combine(choice: Choice) -> AllianceReturn:
    """The alliance return of members that passed `choose_members`."""
    if choice.problems:
        raise ValueError("Returns with problems cannot be combined")
    members = choice.members
    first = members[0]
    pointers: dict[str, Place] = {}
    for member in members:
        for pointer in member.cells:
            if pointer not in pointers:
                pointers[pointer] = place_of(pointer)
    rows = [_row(pointer, place, members) for pointer, place in pointers.items()]
    rows = [
        _replace_total(row, _mean_total(row, members))
        if row.place.arithmetic in ("mean", "rate")
        else row
        for row in rows
    ]
    blocks: dict[tuple[str, str | None], list[Row]] = {}
    for row in sorted(rows, key=lambda r: section_order(r.place.section)):
        blocks.setdefault((row.place.section, row.place.table), []).append(row)
    return AllianceReturn(
        members=members,
        period=first.period,
        template=first.template,
        template_version=first.template_version,
        method=first.method,
        threshold=first.threshold,
        blocks=tuple(
            Block(section, rows[0].place.heading, table, rows[0].place.title, tuple(_ordered(rows)))
            for (section, table), rows in blocks.items()
        ),
        notes=choice.notes,
    )


def _row(pointer: str, place: Place, members: Sequence[MemberReturn]) -> Row:
    cells = tuple(member.cells.get(pointer) for member in members)
    return Row(pointer, place, cells, _sum_total(place, cells, members, pointer))


def _sum_total(
    place: Place, cells: Sequence[Cell | None], members: Sequence[MemberReturn], pointer: str
) -> Total:
    shown = [c.value for c in cells if c is not None and c.value is not None]
    people = place.arithmetic == "people"
    value: int | float = sum(shown)
    if place.kind in ("hours", "money"):
        value = round(float(value), 2)
    hidden = sum(1 for c in cells if c is not None and c.protection == "hidden")
    left_out = place.table in OPEN_TABLES and any(
        c is None and _has_table(m, pointer) for c, m in zip(cells, members, strict=True)
    )
    if hidden or left_out:
        note = (
            f"{hidden} member(s) hid this figure: it is not a zero"
            if hidden
            else "some members count this among their other categories"
        )
        return Total(value, "at_least", people, len(shown), note)
    if any(c is not None and c.protection == "adjusted" for c in cells):
        return Total(value, "adjusted", people, len(shown))
    return Total(value, "exact", people, len(shown))


def _mean_total(row: Row, members: Sequence[MemberReturn]) -> Total:
    """A weighted mean: for outcomes, by the number of people each member shows; for the value
    of an hour of volunteering, the alliance's value over its hours."""
    parent = row.pointer.rsplit("/", 1)[0]
    weight_pointer = parent + "/people" if row.place.arithmetic == "mean" else parent + "/hours"
    pairs: list[tuple[float, float]] = []
    for cell, member in zip(row.cells, members, strict=True):
        weight = member.cells.get(weight_pointer)
        if cell is None or cell.value is None or weight is None or weight.value is None:
            continue
        if weight.value > 0:
            pairs.append((float(weight.value), float(cell.value)))
    if not pairs:
        return Total(None, "not_shown", False, 0, "no member showed both the number and the mean")
    people = sum(w for w, _ in pairs)
    mean = sum(w * v for w, v in pairs) / people
    shown = sum(1 for c in row.cells if c is not None)
    note = f"weighted by each member's number, from {len(pairs)} of {shown} member(s)"
    return Total(round(mean, 2), "weighted_mean", False, len(pairs), note)


def _replace_total(row: Row, total: Total) -> Row:
    return Row(row.pointer, row.place, row.cells, total)


def _ordered(rows: list[Row]) -> list[Row]:
    if rows[0].place.chart == "months":
        return sorted(rows, key=lambda r: r.pointer)
    return rows


def _has_table(member: MemberReturn, pointer: str) -> bool:
    table = pointer.rsplit("/", 1)[0] + "/"
    return any(p.startswith(table) for p in member.cells)


def _differences(
    members: Sequence[MemberReturn], what: str, describe: Callable[[MemberReturn], str], needed: str
) -> list[str]:
    groups: dict[str, list[str]] = {}
    for member in members:
        groups.setdefault(str(describe(member)), []).append(member.source)
    if len(groups) <= 1:
        return []
    parts = "; ".join(f"{value}: {', '.join(sources)}" for value, sources in groups.items())
    return [
        f"The returns differ in {what}, so they cannot be added up. {parts}. They must be {needed}."
    ]


def _protection_words(member: MemberReturn) -> str:
    method = "adjusted counts" if member.method == "cell_key_perturbation" else "exact counts"
    rounding = ", rounded to 5" if member.rounding == "nearest_5" else ""
    return f"{method}, threshold {member.threshold}{rounding}"


def _period(member: MemberReturn) -> str:
    start, end = member.period
    return f"{long_date(start)} to {long_date(end)}"


def _made(member: MemberReturn) -> datetime:
    made = member.made or datetime.min.replace(tzinfo=UTC)
    return made if made.tzinfo else made.replace(tzinfo=UTC)


def _when(member: MemberReturn) -> str:
    return "at an unknown time" if member.made is None else f"{_made(member):%d %B %Y %H:%M} UTC"


def _newer(theirs: str, ours: str) -> bool:
    def parts(version: str) -> tuple[int, ...]:
        return tuple(int(p) for p in version.split(".") if p.isdigit())

    return parts(theirs) > parts(ours)
