"""Building a return from the database: counts in SQL, outcomes by the outcome rule, then
disclosure control. What comes back is a `ProtectedReturn`, ready for any format."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from desktop_app.domain.outcomes import change as outcome_change
from desktop_app.domain.problems import Problem
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.referrals.figures import referral_figures
from desktop_app.domain.returns.disclosure import DEFAULT_THRESHOLD, MAX_THRESHOLD, DisclosureRules
from desktop_app.domain.returns.figures import (
    CaseStudy,
    OutcomeFigures,
    OutcomeKeys,
    ReturnFigures,
    VolunteerFigures,
)
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.domain.returns.protection import protect_return
from desktop_app.domain.returns.ptable import KEYS
from desktop_app.domain.returns.redaction import redact_names
from desktop_app.domain.returns.templates import ReturnTemplate
from desktop_app.domain.volunteers import dbs_due_on
from desktop_app.services import case_studies, outcomes
from desktop_app.services.access import exporting
from desktop_app.services.returns.formats import write_return
from desktop_app.services.returns.ptables import shipped_ptable
from desktop_app.services.returns.templates import find_template
from desktop_app.services.settings import (
    MAX_HOURLY_RATE,
    dbs_renewal_years,
    organisation_identifier,
    volunteer_hourly_rate,
)
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.records import referrals_repo
from desktop_app.store.returns import queries as return_queries

log = logging.getLogger(__name__)

DEFAULT_HOURLY_RATE = 12.21  # the UK National Living Wage from April 2025, a common choice
EXACT_RETURN = "return with exact figures"  # what the audit trail says of an exact return


def build_return(
    db: Database,
    period: Period,
    template: ReturnTemplate | str,
    threshold: int = DEFAULT_THRESHOLD,
    rounding: bool = False,
    chosen_case_studies: Sequence[CaseStudy] = (),
    exact: bool = False,
) -> ProtectedReturn:
    """The protected return for `period`. `template` is a template or its name (or file).

    Counts of people are perturbed through the shipped perturbation table unless `exact` (only
    on purpose, for a funder with a data sharing agreement; the files then say so on every page).
    `chosen_case_studies` must already be redacted (`shareable_case_study`) and approved by a
    person who read them; the CLI passes none.
    """
    DisclosureRules(threshold, rounding, exact=True)  # refuses a bad threshold before any work
    # one shipped table whatever the threshold (see DisclosureRules)
    table = None if exact else shipped_ptable(MAX_THRESHOLD)
    rules = DisclosureRules(threshold, rounding, exact=exact, ptable=table)
    chosen = find_template(template) if isinstance(template, str) else template
    protected = protect_return(return_figures(db, period, chosen_case_studies), chosen, rules)
    return replace(protected, identifier=organisation_identifier(db))


def return_figures(
    db: Database, period: Period, chosen_case_studies: Sequence[CaseStudy] = ()
) -> ReturnFigures:
    """The exact figures: these never leave PeerLog without `protect_return`."""
    years = dbs_renewal_years(db)  # the organisation's own, as Home and Volunteers use
    counts = return_queries.return_counts(
        db.connection(), period.start, period.end, _last_check_due_by(period.end, years)
    )
    v = counts.volunteers
    return ReturnFigures(
        organisation=db.setting("organisation_name", "") or "Our organisation",
        period=period,
        sessions=counts.sessions,
        attendances=counts.attendances,
        participants=counts.participants,
        breakdowns=counts.breakdowns,
        volunteers=VolunteerFigures(
            v.active, v.hours, hourly_rate(db), v.training_completed, v.dbs_in_date
        ),
        outcomes=outcome_figures(db, period),
        onward_referrals=counts.onward_referrals,
        safeguarding_concerns=counts.safeguarding_concerns,
        safeguarding_resolved=counts.safeguarding_resolved,
        case_studies=tuple(chosen_case_studies),
        referrals=referral_figures(
            referrals_repo.received_between(db.connection(), period.start, period.end),
            period.end,
        ),
        keys=counts.keys,
    )


def outcome_figures(db: Database, period: Period) -> tuple[OutcomeFigures, ...]:
    """Change on every measure anyone has a baseline and follow-up for (ONS4 item by item)."""
    figures = []
    reports = []
    for measure in outcomes.measures(db):
        records = outcomes.change_inputs(db, measure.code, period)
        for report in outcome_change.outcome_change(measure, records, period):
            if report.people == 0:
                continue
            code = re.sub(r"[^a-z0-9]+", "_", measure.code.casefold()).strip("_")
            label = report.label
            if report.item_number is not None:
                code, label = f"{code}_{report.item_number}", f"{measure.code}: {report.label}"
            reports.append(report)
            figures.append(
                OutcomeFigures(
                    code,
                    label,
                    report.people,
                    report.mean_baseline,
                    report.mean_follow_up,
                    report.mean_change,
                    report.improved,
                    report.worse,
                    report.no_meaningful_change,
                    report.higher_is_better,
                )
            )
    everyone = {person for report in reports for person in report.who.get("people", ())}
    record_keys = return_queries.person_record_keys(db.connection(), everyone)

    def key(report: outcome_change.ChangeReport, group: str) -> int:
        return sum(record_keys[person] for person in report.who[group]) % KEYS

    return tuple(
        replace(
            figure,
            keys=OutcomeKeys(
                *(key(report, g) for g in ("people", "improved", "worse", "no_change"))
            ),
        )
        for figure, report in zip(figures, reports, strict=True)
    )


def shareable_case_study(db: Database, study_id: str) -> CaseStudy:
    """A case study ready for the preview: names of everyone in the database replaced by
    "[name]". Refused when the person has not agreed to share it."""
    study = case_studies.get_case_study(db, study_id)
    if not study.consent_to_share:
        message = "This story cannot go in a return: the person has not agreed to share it."
        raise ValidationFailed([Problem("consent_to_share", message)])
    names = return_queries.names_in_database(db.connection())
    return CaseStudy(redact_names(study.title, names), redact_names(study.text, names))


def export_return(db: Database, protected: ProtectedReturn, fmt: str, path: Path) -> None:
    """Write the return as `fmt` to `path` (whole, or not at all), for users allowed to export
    returns, and note in the audit trail that a return was exported (and whether its counts of
    people were exact)."""
    kind = "return" if protected.rules.perturbed else EXACT_RETURN
    with exporting(db, Permission.EXPORT_RETURNS, Action.RETURN, kind):
        partial = path.with_name(f".{path.name}.partial")
        try:
            write_return(protected, fmt, partial)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    log.info("Return exported as %s%s", fmt, "" if protected.rules.perturbed else " (exact)")


def hourly_rate(db: Database) -> float:
    """The value of an hour of volunteering the organisation chose in Settings (pounds), or
    the default when none is set."""
    rate = volunteer_hourly_rate(db)
    return rate if rate is not None and 0 <= rate <= MAX_HOURLY_RATE else DEFAULT_HOURLY_RATE


def _last_check_due_by(end: date, years: int) -> date:
    """The latest DBS check date that is due for renewal on or before `end`: checks done after
    it are still in date at the end of the period."""
    day = date(end.year - years, end.month, 1) + timedelta(days=end.day - 1)
    day -= timedelta(days=3)
    while dbs_due_on(day + timedelta(days=1), years) <= end:
        day += timedelta(days=1)
    return day
