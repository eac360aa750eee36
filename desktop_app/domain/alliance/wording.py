"""How the alliance return's figures read, the same in every format: a member's hidden figure as
"<5", one not in its return as "–", the alliance total as "at least 16" when a member hid its
figure, and "≈ 45" when it adds up adjusted counts."""

from __future__ import annotations

from desktop_app.domain.alliance.alliance_return import AllianceReturn, Block, Row, Total
from desktop_app.domain.alliance.labels import Kind
from desktop_app.domain.alliance.member_return import Cell

NOT_IN_RETURN = "–"
ABOUT = "≈"
ADDED_UP = "members' counts added up"


def number_text(value: int | float, kind: Kind) -> str:
    if kind == "hours":
        return f"{value:,.1f}"
    if kind == "money":
        return f"£{value:,.2f}"
    if kind == "rate":
        return f"£{value:,.2f} an hour"
    if kind == "change":
        return f"{value:+.2f}"
    if kind == "mean":
        return f"{value:.2f}"
    return f"{int(value):,}"


def plain_number(value: int | float, kind: Kind) -> str:
    """For machines: no separators or signs of currency."""
    if kind in ("people", "count"):
        return str(int(value))
    return f"{value:.1f}" if kind == "hours" else f"{value:.2f}"


def cell_text(cell: Cell | None, kind: Kind, threshold: int) -> str:
    if cell is None:
        return NOT_IN_RETURN
    if cell.value is None:
        return f"n<{threshold}" if kind in ("mean", "change") else f"<{threshold}"
    return number_text(cell.value, kind)


def total_text(total: Total, kind: Kind) -> str:
    if total.value is None:
        return "not shown"
    text = number_text(total.value, kind)
    if total.how == "at_least":
        return f"at least {text}"
    if total.how == "adjusted":
        return f"{ABOUT} {text}"
    return text


def total_protection(total: Total) -> str:
    """The protection column of the tidy CSV for an alliance total."""
    words = {
        "exact": "exact",
        "at_least": "at least",
        "adjusted": "adjusted",
        "weighted_mean": "weighted mean",
        "not_shown": "not shown",
    }[total.how]
    return f"{words}; {ADDED_UP}" if total.added_up_people else words


def row_label(block: Block, row: Row) -> str:
    """A row's label; a count of people in a table of other figures says it was added up."""
    if row.total.added_up_people and not (block.table is not None and block.all_people):
        return f"{row.place.label} ({ADDED_UP})"
    return row.place.label


def block_title(block: Block) -> str:
    title = block.title or block.heading
    return f"{title} ({ADDED_UP})" if block.table is not None and block.all_people else title


def member_heading(alliance: AllianceReturn, index: int) -> str:
    return alliance.members[index].name


def honest_arithmetic(alliance: AllianceReturn) -> tuple[str, ...]:
    """What the alliance return says about its arithmetic, on its first page."""
    k = alliance.threshold
    lines = [
        "Sessions, hours, attendances and referrals are the members' figures added up.",
        f"Counts of people are {ADDED_UP}: someone who went to two members is counted twice, "
        "so the alliance figure can be more than the number of different people.",
        f'A figure a member hid (shown as "<{k}") is not a zero: the alliance total then says '
        '"at least", the sum of the figures members showed.',
        "Means (such as mean change in wellbeing) are weighted by each member's number of "
        "people, and only use members that show both the number and the mean.",
    ]
    if alliance.perturbed:
        lines.insert(
            2,
            f"Members' counts of people were adjusted slightly to protect privacy. Added up they "
            f'are right on average (unbiased) but not exact: such totals are marked "{ABOUT}".',
        )
    return tuple(lines)
