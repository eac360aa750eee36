"""The alliance return must not undo a member's protection: no figure a member hid can be worked
out from the alliance return and the other members' returns.

Two checks. First, two worlds in which one member's hidden figures differ but its published
return is the same give the same alliance return, in every format: the alliance says nothing
about a hidden figure that the member's own return did not. Second, the subtraction a reader
would try (alliance total minus the other members' figures) gives nothing for a hidden cell."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.figures import ReturnFigures
from desktop_app.domain.returns.protection import protect_return
from desktop_app.services.alliance.alliance_json import alliance_document
from desktop_app.services.alliance.combine import FORMATS, combine_returns, write_alliance
from desktop_app.services.returns.formats.json_format import return_document
from desktop_app.services.returns.templates import find_template
from tests.alliance.members import write, write_members
from tests.returns.return_readback import csv_rows, pdf_text, xlsx_cells
from tests.returns.return_samples import sample_figures

MADE = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)


def member_document(figures: ReturnFigures, name: str, identifier: str) -> dict[str, Any]:
    protected = protect_return(
        replace(figures, organisation=name), find_template("Alliance return"), DisclosureRules()
    )
    return return_document(replace(protected, identifier=identifier), MADE)


def hidden_values_changed(figures: ReturnFigures) -> ReturnFigures:
    """The same organisation with different values in the cells its return hides: months of
    3 and 2 attendances swapped, 4 safeguarding concerns instead of 2, a different loneliness
    change from 4 people, and referrals to two small destinations split differently."""
    months = dict(figures.attendances.per_month)
    low = [m for m, n in months.items() if n in (2, 3)]
    months[low[0]], months[low[1]] = months[low[1]], months[low[0]]
    ucla = figures.outcomes[1]
    return replace(
        figures,
        attendances=replace(figures.attendances, per_month=months),
        safeguarding_concerns=4,
        outcomes=(
            figures.outcomes[0],
            replace(ucla, mean_follow_up=4.5, mean_change=-3.0),
            figures.outcomes[2],
        ),
        onward_referrals={"Debt advice": 5, "Housing": 3, "Talking therapies": 11},
    )


def world(tmp_path: Path, figures: ReturnFigures) -> dict[str, Any]:
    folder = tmp_path / "returns"
    write(folder, "a.json", member_document(sample_figures(), "Alder Peers", "GB-CHC-2000001"))
    write(folder, "b.json", member_document(figures, "Birch Group", "GB-CHC-2000002"))
    write(folder, "c.json", member_document(sample_figures(), "Cedar Circle", "GB-CHC-2000003"))
    result = combine_returns([folder])
    assert result.alliance is not None, result.problems
    texts: dict[str, Any] = {"json": alliance_document(result.alliance, MADE)}
    for fmt in FORMATS:
        write_alliance(result.alliance, fmt, tmp_path / f"out.{fmt}")
    texts["csv"] = csv_rows(tmp_path / "out.csv")
    texts["xlsx"] = xlsx_cells(tmp_path / "out.xlsx")
    texts["pdf"] = pdf_text(tmp_path / "out.pdf").split("combined with PeerLog on")[1][20:]
    texts["member"] = member_document(figures, "Birch Group", "GB-CHC-2000002")
    return texts


def test_hidden_figures_that_differ_give_the_same_alliance_return(tmp_path: Path) -> None:
    original = sample_figures()
    changed = hidden_values_changed(original)
    one = world(tmp_path / "one", original)
    two = world(tmp_path / "two", changed)
    assert one["member"] == two["member"], "the member's own return hides the difference"
    assert member_document(changed, "B", "GB-CHC-2000002")["safeguarding"]["concerns"] is None
    for fmt in ("json", "csv", "xlsx", "pdf"):
        assert one[fmt] == two[fmt], f"the alliance {fmt} must not tell the two worlds apart"


def test_subtracting_the_other_members_from_the_total_gives_nothing(tmp_path: Path) -> None:
    write_members(tmp_path)
    result = combine_returns([tmp_path])
    assert result.alliance is not None
    hidden_cells = 0
    for row in result.alliance.rows():
        for index, cell in enumerate(row.cells):
            if cell is None or cell.protection != "hidden":
                continue
            hidden_cells += 1
            others = [
                c.value for i, c in enumerate(row.cells) if i != index and c and c.value is not None
            ]
            if row.place.arithmetic in ("add", "people"):
                assert row.total.how == "at_least"
                assert row.total.value == sum(others), "the total is only what others showed"
            else:  # a mean: weighted from the members that show it, the hidden one left out
                assert row.total.from_members == len(others)
    assert hidden_cells >= 6
