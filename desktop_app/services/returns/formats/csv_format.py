"""The CSV return: one tidy table with the columns section, item, value, suppressed."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.returns.notices import perturbation_notice
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.services.returns.formats.display import plain
from desktop_app.store.private_files import open_private

HEADER = ("section", "item", "value", "suppressed")
ABOUT = "Return"


def item_name(table_title: str | None, label: str) -> str:
    """The item column: the figure's label, after its table's title when it is in a table."""
    return label if table_title is None else f"{table_title}: {label}"


def csv_rows(protected: ProtectedReturn) -> Iterator[tuple[str, str, str, str]]:
    rules = protected.rules
    yield ABOUT, "Organisation", protected.organisation, "no"
    yield ABOUT, "Period from", protected.period.start.isoformat(), "no"
    yield ABOUT, "Period to", protected.period.end.isoformat(), "no"
    yield ABOUT, "Template", protected.template, "no"
    yield ABOUT, "Threshold", str(rules.threshold), "no"
    yield ABOUT, "Rounded to nearest 5", "yes" if rules.round_to_five else "no", "no"
    yield ABOUT, "Counts of people", perturbation_notice(rules), "no"
    for section, table, figure in protected.all_figures():
        item = item_name(table.title if table else None, figure.label)
        yield (
            section.heading,
            item,
            plain(figure, rules),
            "yes" if figure.suppressed else "no",
        )


def write_csv(protected: ProtectedReturn, path: Path) -> None:
    # utf-8-sig so that spreadsheet programs read names with accents correctly.
    with open_private(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(csv_rows(protected))
