"""The "how these figures were counted" section: every rule a reader needs, in plain words."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.problems import long_date
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.figures import ReturnFigures
from desktop_app.domain.returns.notices import EXACT_WARNING
from desktop_app.domain.returns.perturbation import MEAN_FEWEST_PEOPLE
from desktop_app.domain.returns.templates import ReturnTemplate

BREAKDOWN_SECTIONS = (
    "age", "gender", "ethnicity", "disability", "referral_source", "postcode_district",
)  # fmt: skip


_EXACT_REASON = (
    "Counts of people in this return are exact, as agreed for a funder with a data sharing",
    "agreement. Small counts are still hidden, but two exact returns for overlapping periods",
    "can be subtracted from each other to show how many people differ, and describe them.",
)


def _perturbation_paragraphs(add: Callable[..., None], rules: DisclosureRules) -> None:
    k = rules.threshold
    table = rules.ptable.name if rules.ptable else ""
    add(
        "Protecting privacy: counts of people are adjusted slightly",
        "Every count of people in this return (people who took part, new people, every",
        "breakdown and its total, volunteers, and the outcome counts) has been adjusted a",
        "little, the way the Office for National Statistics protects census tables. Most are",
        "moved to a nearby multiple of 5, up or down, and a few to a number just beside one.",
        f"No count from 1 to {k - 1} is ever shown: a small group shows as 0 or as",
        f"{5 * -(-k // 5)}, and a 0 may stand for a few people.",
    )
    add(
        "Why a table may not add up to its total",
        "Each total is adjusted on its own, like any other count, so the rows of a table may",
        "add up to a little more or less than its total. Use the total as the number of",
        "people; do not add the rows up to get it.",
    )
    add(
        "Why the same people always give the same number",
        "Every person has a random number, kept in PeerLog and never shown. The adjustment",
        "of a count is looked up from the numbers of the people counted, so the same people",
        "give the same figure in every return, for any period or template. Comparing a",
        "quarter with its year, or a return with a corrected one, therefore cannot show how",
        "many people differ or who they are. On average the adjustments are exactly zero, so",
        "returns from many groups can be added up without bias.",
    )
    add(
        "Means",
        f"A mean or change is shown only when at least {max(k, MEAN_FEWEST_PEOPLE)} people are",
        "behind it (and their count is not shown as 0), to the nearest half point, so that",
        "comparing two returns",
        "cannot give one person's own score.",
        f"The adjustment table is {table} (a copy ships with PeerLog as",
        f"ptable-{table}.csv, in the form the Office for National Statistics uses).",
    )


def rules_paragraphs(
    figures: ReturnFigures, template: ReturnTemplate, rules: DisclosureRules
) -> list[tuple[str, str]]:
    """(title, text) paragraphs for the sections `template` shows, and the privacy rules."""
    end = long_date(figures.period.end)
    k = rules.threshold
    paragraphs: list[tuple[str, str]] = []

    def add(title: str, *sentences: str) -> None:
        paragraphs.append((title, " ".join(sentences)))

    add(
        "What is counted",
        f"This return covers {figures.period.label}.",
        f"It counts what {figures.organisation} recorded in PeerLog for that period.",
    )
    if rules.perturbed:
        _perturbation_paragraphs(add, rules)
        add(
            "Other counts",
            "Attendances, onward referrals and safeguarding concerns are not adjusted: any of",
            f"them from 1 to {k - 1} is hidden and shown as {rules.marker} (in the JSON file as",
            'null, listed under "suppressed"), with more hidden where a hidden one could be',
            "worked out from a total. Sessions and hours are shown as they are.",
        )
    else:
        add("Exact figures", f"{EXACT_WARNING}.", *_EXACT_REASON)
        add(
            "Protecting privacy",
            f"Any count of people from 1 to {k - 1} is hidden and shown as {rules.marker}",
            '(in the JSON file as null, listed under "suppressed"). Zero is shown as 0. Where a',
            "hidden count could be worked out from a total and the counts shown, more counts are",
            f"hidden too, so {rules.marker} means hidden and such a count may be larger. Ethnic",
            "groups and age bands shown at two levels are protected at both. When a total is",
            f"below {k}, its whole breakdown is hidden. A mean or change is shown only when based",
            f"on at least {k} people, and otherwise as {rules.mean_marker}. Sessions and hours",
            "are shown as they are.",
        )
    if template.has("sessions"):
        add(
            template.heading("sessions"),
            "Every session held in the period, by kind and by how it was delivered.",
            "Hours delivered is the sum of the sessions' lengths.",
            "Sessions and hours are not counts of people, so they are shown as they are.",
        )
    if template.has("attendances"):
        add(
            template.heading("attendances"),
            "An attendance is one person at one session: registered attendances are people on",
            "the register; the anonymous headcount is people counted without being registered.",
            "A small number of attendances means a small number of people, so attendances,",
            "including those per month, are protected like counts of people.",
        )
    if template.has("participants"):
        add(
            template.heading("participants"),
            "Each person who came to at least one session in the period is counted once, however",
            "many sessions they came to. New people are those whose first ever attendance was in",
            "the period.",
        )
    if any(template.has(section) for section in BREAKDOWN_SECTIONS):
        add(
            "Breakdowns",
            "Each breakdown counts the same people once each, so each adds up to the number of",
            "people who took part (before the adjustment described above)."
            if rules.perturbed
            else "people who took part.",
            f"Age is the age reached in the year of {end}, the last day of",
            "the period, from the year of birth alone. Ethnic groups are the 19 groups of the",
            "2021 census; the five high-level groups are shown beside them, never instead of",
            "them. Where people live is given by postcode district only (for example LS6);",
            f"districts with fewer than {k} people are counted together as other districts.",
        )
    if template.has("volunteers"):
        add(
            template.heading("volunteers"),
            "Active volunteers facilitated a session or logged hours in the period. Their time is",
            f"valued at £{figures.volunteers.hourly_rate:,.2f} an hour, the rate",
            f"{figures.organisation} set. Training counts volunteers who completed training in",
            "the period; DBS counts volunteers whose check was within its renewal interval on",
            f"{end}.",
        )
    if template.has("outcomes"):
        add(
            template.heading("outcomes"),
            "For each measure, a person counts when they have a follow-up (review or exit) in",
            "the period and a baseline on or before it: their earliest baseline is compared with",
            "their latest follow-up, and incomplete forms are left out. Improved and got worse",
            "mean a change of at least the measure's meaningful change (for example 3 points on",
            "WEMWBS), allowing for measures where a lower score is better; anything smaller is",
            "no change. Each ONS4 question is reported on its own.",
        )
    if template.has("referrals"):
        add(
            template.heading("referrals"),
            "Referrals received in the period, as they stood on its last day. Days are working",
            "days: Monday to Friday, not counting the bank holidays of England and Wales. A",
            "referral is responded to on the first of: contact attempted, contacted, or a first",
            "session; first contact is being contacted or coming to a session. Engaged means",
            "three sessions or more since the referral. Its counts are counts of people, shown",
            "as the other counts of people are; a median of working days is shown only when",
            f"based on at least {k} referrals"
            + (", and rounded to the nearest half day." if rules.perturbed else "."),
        )
    if template.has("onward_referrals") or template.has("safeguarding"):
        add(
            "Referrals and safeguarding",
            "Onward referrals count referrals made to other services, by where to; places",
            f"with fewer than {k} referrals are counted together as other destinations.",
            "Safeguarding is the number of concerns raised, and nothing more about them.",
        )
    if template.has("case_studies"):
        add(
            template.heading("case_studies"),
            "A case study is shared only with the person's recorded consent, with the names of",
            'people replaced by "[name]", after someone read the redacted text and approved it.',
        )
    if rules.round_to_five:
        add(
            "Rounding",
            f"Every count of people is rounded to the nearest 5 (a count of {k} or more never",
            f"shows as less than {k}), so a total may differ from the sum of its parts.",
        )
    add(
        "What never leaves PeerLog",
        "No names, references, dates of birth, exact session dates, full postcodes or notes",
        "appear in this return, in any format.",
    )
    return paragraphs
