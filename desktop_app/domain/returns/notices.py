"""The plain words every format of a return carries about how its counts of people were
protected: the same sentences in PDF, spreadsheet, CSV, JSON and the on-screen preview."""

from __future__ import annotations

from desktop_app.domain.returns.disclosure import DisclosureRules

EXACT_WARNING = "Exact figures: may identify people; share only under your agreement"


def perturbation_notice(rules: DisclosureRules) -> str:
    """What a reader must know before adding anything up."""
    if not rules.perturbed:
        return (
            f"{EXACT_WARNING}. These counts of people are exact: laid beside another return "
            "they can show how many people differ, and who."
        )
    return (
        "Counts of people have been adjusted slightly to protect privacy, so a table may not "
        "add up to its total, and a 0 may stand for a few people. The same people always give "
        "the same number, so returns can be compared and added up without bias. Sessions, hours "
        "and attendances are exact."
    )


def short_notice(rules: DisclosureRules) -> str:
    """One line for the top of a page or sheet."""
    if not rules.perturbed:
        return EXACT_WARNING
    return "Counts of people are adjusted slightly to protect privacy: tables may not add up."
