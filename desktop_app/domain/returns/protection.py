"""Turning a return's exact figures into the protected return every format shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from desktop_app.domain.age_bands import (
    NOT_KNOWN,
    STANDARD_AGE_BANDS,
    AgeBand,
    band_labels,
    count_by_band,
    standard_band_groups,
)
from desktop_app.domain.referrals.figures import Median
from desktop_app.domain.returns import vocabulary as vocab
from desktop_app.domain.returns.disclosure import (
    MAX_THRESHOLD,
    Cell,
    DisclosureRules,
    LinkedBreakdown,
    ProtectedBreakdown,
    protect_breakdown,
    protect_count,
    protect_linked,
    protect_mean,
)
from desktop_app.domain.returns.figures import (
    OutcomeFigures,
    PeopleBreakdowns,
    PeopleKeys,
    ReturnFigures,
)
from desktop_app.domain.returns.periods import month_label
from desktop_app.domain.returns.perturbation import (
    perturb_breakdown,
    perturb_count,
    perturbed_mean,
)
from desktop_app.domain.returns.protected_return import (
    Chart,
    Figure,
    Kind,
    ProtectedReturn,
    Section,
    Table,
    TextBlock,
)
from desktop_app.domain.returns.ptable import KEYS
from desktop_app.domain.returns.rules_text import rules_paragraphs
from desktop_app.domain.returns.templates import ReturnTemplate, SectionChoice

Labels = Sequence[tuple[str, str]]
OTHER = "other"
HEADLINE = (
    ("sessions", "total"),
    ("sessions", "hours_delivered"),
    ("attendances", "total"),
    ("participants", "unique"),
    ("participants", "new"),
    ("volunteers", "active"),
    ("volunteers", "hours"),
)


def protect_return(
    figures: ReturnFigures, template: ReturnTemplate, rules: DisclosureRules
) -> ProtectedReturn:
    """Apply disclosure control to every count of people, in the template's sections and order:
    cell key perturbation (domain/returns/perturbation.py) unless `rules` ask for exact figures,
    which are protected by suppression alone."""
    if rules.perturbed and figures.keys is None:
        raise ValueError("Perturbed figures need the cell keys of the counts of people")
    builder = _SectionBuilder(figures, template, rules)
    sections = tuple(builder.build(choice) for choice in template.sections)
    by_code = {(s.json_key, f.code): f for s in sections for f in s.figures}
    headline = tuple(by_code[key] for key in HEADLINE if key in by_code)
    return ProtectedReturn(
        figures.organisation,
        figures.period,
        template.name,
        rules,
        headline,
        sections,
        template_version=template.version,
    )


def _people(code: str, label: str, cell: Cell) -> Figure:
    return Figure(code, label, cell.value, cell.suppressed, "people", cell.perturbed)


def _banded_keys(keys: Mapping[int | None, int], bands: Sequence[AgeBand]) -> dict[str, int]:
    return {code: key % KEYS for code, key in count_by_band(keys, bands).items()}


def _plain(code: str, label: str, value: float, kind: Kind) -> Figure:
    return Figure(code, label, value, False, kind)


def _in_order(counts: Mapping[str, int], labels: Labels, what: str) -> dict[str, int]:
    """`counts` with every code of `labels`, in their order; unknown codes are a bug upstream."""
    unknown = sorted(set(counts) - {code for code, _ in labels})
    if unknown:
        raise ValueError(f"Unknown {what} code(s) in return figures: {', '.join(unknown)}")
    return {code: counts.get(code, 0) for code, _ in labels}


def _fold_small(
    counts: Mapping[str, int], labels: Mapping[str, str], large: set[str], other_label: str
) -> tuple[dict[str, int], Labels]:
    """Open-ended categories (postcode districts, referral destinations) not in `large` (those
    holding fewer than k, or published as 0) are counted together as "other": naming a rare one
    would itself say that someone is there. The rest are sorted by label; "other" and then
    "not_known" come last."""
    kept = sorted(
        (code for code in counts if code in large and code not in (NOT_KNOWN, OTHER)),
        key=lambda code: labels[code].casefold(),
    )
    folded = sum(n for code, n in counts.items() if code not in kept and code != NOT_KNOWN)
    result = {code: counts[code] for code in kept} | {OTHER: folded}
    names = [(code, labels[code]) for code in kept] + [(OTHER, other_label)]
    if NOT_KNOWN in counts:
        result[NOT_KNOWN] = counts[NOT_KNOWN]
        names.append((NOT_KNOWN, "Not known"))
    return result, names


IMPROVEMENT_CHART_TITLE = (
    "Mean improvement by measure (where lower scores are better, as for loneliness and anxiety, "
    "a fall is an improvement)"
)


def _change_label(outcome: OutcomeFigures) -> str:
    if outcome.higher_is_better:
        return "Mean change (a rise is an improvement)"
    return "Mean change (a fall is an improvement)"


def _improvement(change: Figure, outcome: OutcomeFigures) -> Figure:
    """The mean change as an improvement (positive: better), whichever way the scale runs."""
    value = change.value
    if value is not None and not outcome.higher_is_better:
        value = -value
    return Figure(outcome.measure, outcome.label, value, change.suppressed, "change")


def _by_group(values: Mapping[str, int], group_of: Mapping[str, str]) -> dict[str, int]:
    """Detailed cells added up into their high-level groups, in the order groups first appear."""
    groups: dict[str, int] = {}
    for code, value in values.items():
        groups[group_of[code]] = groups.get(group_of[code], 0) + value
    return groups


def _destinations(referrals: Mapping[str, int]) -> tuple[dict[str, int], dict[str, str]]:
    """Referrals by destination as typed, keyed by a fixed code made from the text
    ("Citizens Advice" -> "citizens_advice"); texts that differ only in case or punctuation
    are counted together."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for text, number in sorted(referrals.items(), key=lambda item: item[0].casefold()):
        code = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or OTHER
        counts[code] = counts.get(code, 0) + number
        labels.setdefault(code, " ".join(text.split()))
    return counts, labels


class _SectionBuilder:
    def __init__(
        self, figures: ReturnFigures, template: ReturnTemplate, rules: DisclosureRules
    ) -> None:
        self.figures = figures
        self.template = template
        self.rules = rules
        self.unique = figures.participants.unique
        self.perturbed = rules.perturbed
        self.keys: PeopleKeys | None = figures.keys

    def people_keys(self) -> PeopleKeys:
        if self.keys is None:
            raise ValueError("Perturbed figures need the cell keys of the counts of people")
        return self.keys

    def key_breakdowns(self) -> PeopleBreakdowns:
        return self.people_keys().breakdowns

    def count(self, count: int, key: Callable[[PeopleKeys], int]) -> Cell:
        """A count of people standing alone: perturbed, or suppressed when exact."""
        if self.perturbed:
            return perturb_count(count, key(self.people_keys()), self.rules)
        return protect_count(count, self.rules)

    def build(self, choice: SectionChoice) -> Section:
        builders: dict[str, Callable[[SectionChoice], Section]] = {
            "sessions": self.sessions,
            "attendances": self.attendances,
            "participants": self.participants,
            "age": self.age,
            "gender": self.simple_breakdown(vocab.GENDER, lambda b: b.gender),
            "ethnicity": self.ethnicity,
            "disability": self.simple_breakdown(vocab.DISABILITY, lambda b: b.disability),
            "referral_source": self.simple_breakdown(
                vocab.REFERRAL_SOURCE, lambda b: b.referral_source
            ),
            "postcode_district": self.districts,
            "volunteers": self.volunteers,
            "outcomes": self.outcomes,
            "referrals": self.referrals,
            "onward_referrals": self.onward_referrals,
            "safeguarding": self.safeguarding,
            "case_studies": self.case_studies,
            "rules": self.rules_section,
        }
        return builders[choice.section](choice)

    def table(
        self,
        code: str,
        title: str,
        protected: ProtectedBreakdown,
        labels: Labels,
        chart: Chart = "bars",
    ) -> Table:
        label_of = dict(labels)
        rows = tuple(_people(c, label_of[c], cell) for c, cell in protected.cells.items())
        return Table(code, title, rows, _people("total", "Total", protected.total), chart)

    def breakdown(
        self, counts: Mapping[str, int], what: str, keys: Mapping[str, int]
    ) -> ProtectedBreakdown:
        if sum(counts.values()) != self.unique:
            raise ValueError(f"The {what} breakdown does not add up to the people who took part")
        if self.perturbed:
            return perturb_breakdown(counts, keys, self.rules)
        return protect_breakdown(counts, self.rules)

    def sessions(self, choice: SectionChoice) -> Section:
        s = self.figures.sessions
        by_kind = _in_order(s.by_kind, vocab.SESSION_KIND, "session kind")
        by_mode = _in_order(s.by_mode, vocab.DELIVERY_MODE, "delivery mode")
        total = _plain("total", "Total", s.total, "count")

        def counted(code: str, title: str, counts: Mapping[str, int], labels: Labels) -> Table:
            rows = tuple(_plain(c, dict(labels)[c], counts[c], "count") for c in counts)
            return Table(code, title, rows, total, "months" if code == "per_month" else "bars")

        months = self.months(s.per_month)
        return Section(
            "sessions",
            choice.heading,
            "sessions",
            figures=(
                _plain("total", "Sessions held", s.total, "count"),
                _plain("hours_delivered", "Hours delivered", s.hours_delivered, "hours"),
            ),
            tables=(
                counted("by_kind", "Sessions by kind", by_kind, vocab.SESSION_KIND),
                counted(
                    "by_mode", "Sessions by how they were delivered", by_mode, vocab.DELIVERY_MODE
                ),
                counted("per_month", "Sessions per month", months, self.month_labels()),
            ),
        )

    def months(self, per_month: Mapping[str, int]) -> dict[str, int]:
        return _in_order(per_month, self.month_labels(), "month")

    def month_labels(self) -> Labels:
        return [(m, month_label(m)) for m in self.figures.period.months()]

    def attendances(self, choice: SectionChoice) -> Section:
        a = self.figures.attendances
        kinds = protect_breakdown(
            {"registered": a.registered, "anonymous": a.anonymous}, self.rules
        )
        months = self.months(a.per_month)
        if sum(months.values()) != a.total:
            raise ValueError("Attendances per month do not add up to the attendances")
        per_month = self.table(
            "per_month",
            "Attendances per month",
            protect_breakdown(months, self.rules),
            self.month_labels(),
            "months",
        )
        return Section(
            "attendances",
            choice.heading,
            "attendances",
            figures=(
                _people("registered", "Registered attendances", kinds.cells["registered"]),
                _people("anonymous", "Anonymous headcount", kinds.cells["anonymous"]),
                _people("total", "All attendances", kinds.total),
            ),
            tables=(per_month,),
        )

    def participants(self, choice: SectionChoice) -> Section:
        p = self.figures.participants
        if self.perturbed:
            unique = self.count(p.unique, lambda k: k.unique)
            new = self.count(p.new, lambda k: k.new)
        else:
            # "Returning" people are never shown, but unique minus new would reveal them.
            split = protect_breakdown({"new": p.new, "returning": p.unique - p.new}, self.rules)
            unique, new = split.total, split.cells["new"]
        return Section(
            "participants",
            choice.heading,
            "participants",
            figures=(
                _people("unique", "People who took part", unique),
                _people("new", "New people", new),
            ),
        )

    def age(self, choice: SectionChoice) -> Section:
        by_age = self.figures.breakdowns.by_age
        standard = count_by_band(by_age, STANDARD_AGE_BANDS)
        own: tuple[AgeBand, ...] | None = choice.own_age_bands
        standard_labels = band_labels(STANDARD_AGE_BANDS)

        def key_of(bands: Sequence[AgeBand]) -> dict[str, int]:
            return _banded_keys(self.key_breakdowns().by_age, bands) if self.perturbed else {}

        if own is None:
            protected = self.breakdown(standard, "age", key_of(STANDARD_AGE_BANDS))
            table = self.table("age_band", "Age", protected, standard_labels)
            return Section("age", choice.heading, "breakdowns", tables=(table,))
        own_labels = band_labels(own)
        if not choice.also_standard_bands:
            counts = count_by_band(by_age, own)
            protected = self.breakdown(counts, "age", key_of(own))
            table = self.table("age_band_own", "Age", protected, own_labels)
            return Section("age", choice.heading, "breakdowns", tables=(table,))
        detailed = self.breakdown(standard, "age", key_of(STANDARD_AGE_BANDS))
        if self.perturbed:  # each table perturbed on its own: nothing links them exactly
            linked = LinkedBreakdown(
                detailed, self.breakdown(count_by_band(by_age, own), "age", key_of(own))
            )
        else:
            linked = protect_linked(standard, standard_band_groups(own), self.rules)
        high = ProtectedBreakdown(  # in the funder's order rather than the standard bands'
            {code: linked.high_level.cells[code] for code, _ in own_labels},
            linked.high_level.total,
            linked.high_level.withheld,
        )
        return Section(
            "age",
            choice.heading,
            "breakdowns",
            tables=(
                self.table("age_band_own", "Age (our bands)", high, own_labels),
                self.table("age_band", "Age (standard bands)", linked.detailed, standard_labels),
            ),
        )

    def districts(self, choice: SectionChoice) -> Section:
        raw = self.figures.breakdowns.postcode_district
        if self.perturbed:
            raw_keys = self.key_breakdowns().postcode_district
            # Named only when it holds MAX_THRESHOLD or more (whatever this return's threshold:
            # a district named at threshold 3 and folded into "other" at 6 let two returns be
            # subtracted) and its published count is not 0.
            large = {
                c
                for c, n in raw.items()
                if n >= MAX_THRESHOLD and perturb_count(n, raw_keys[c], self.rules).value
            }
            counts, names = _fold_small(raw, {c: c for c in raw}, large, "Other districts")
            keys, _ = _fold_small(raw_keys, {c: c for c in raw}, set(counts), "Other districts")
        else:
            large = {c for c, n in raw.items() if n >= self.rules.threshold}
            counts, names = _fold_small(raw, {c: c for c in raw}, large, "Other districts")
            keys = {}
        table = self.table(
            choice.section,
            choice.heading,
            self.breakdown(counts, "district", {c: k % KEYS for c, k in keys.items()}),
            names,
        )
        return Section(choice.section, choice.heading, "breakdowns", tables=(table,))

    def simple_breakdown(
        self, labels: Labels, pick: Callable[..., Mapping[str, int]]
    ) -> Callable[[SectionChoice], Section]:
        def build(choice: SectionChoice) -> Section:
            raw = pick(self.figures.breakdowns)
            counts = _in_order(raw, labels, choice.section)
            keys = pick(self.key_breakdowns()) if self.perturbed else {}
            protected = self.breakdown(counts, choice.section, keys)
            table = self.table(choice.section, choice.heading, protected, labels)
            return Section(choice.section, choice.heading, "breakdowns", tables=(table,))

        return build

    def ethnicity(self, choice: SectionChoice) -> Section:
        labels = vocab.ethnic_group_codes()
        counts = _in_order(self.figures.breakdowns.ethnicity, labels, "ethnic group")
        keys = self.key_breakdowns().ethnicity if self.perturbed else {}
        protected = self.breakdown(counts, "ethnic group", keys)
        if not choice.high_level_groups:
            table = self.table("ethnicity", "Ethnic group", protected, labels)
            return Section("ethnicity", choice.heading, "breakdowns", tables=(table,))
        group_of = {code: group for code, _, group in vocab.ethnic_groups()}
        if self.perturbed:
            linked = LinkedBreakdown(
                protected,
                perturb_breakdown(
                    _by_group(counts, group_of), _by_group(keys, group_of), self.rules
                ),
            )
        else:
            linked = protect_linked(counts, group_of, self.rules)
        return Section(
            "ethnicity",
            choice.heading,
            "breakdowns",
            tables=(
                self.table(
                    "ethnicity_high_level",
                    "Ethnic group: high-level groups",
                    linked.high_level,
                    vocab.HIGH_LEVEL_ETHNIC_GROUP,
                ),
                self.table(
                    "ethnicity", "Ethnic group: the 19 groups", linked.detailed, labels, "none"
                ),
            ),
        )

    def volunteers(self, choice: SectionChoice) -> Section:
        v = self.figures.volunteers
        return Section(
            "volunteers",
            choice.heading,
            "volunteers",
            figures=(
                _people(
                    "active",
                    "Active volunteers",
                    self.count(v.active, lambda k: k.volunteers_active),
                ),
                _plain("hours", "Volunteer hours", float(v.hours), "hours"),
                _plain("value", "Value of volunteer time", v.value, "money"),
                _plain("rate", "Hourly rate used for the value", v.hourly_rate, "rate"),
                _people(
                    "training_completed",
                    "Volunteers who completed training",
                    self.count(v.training_completed, lambda k: k.training_completed),
                ),
                _people(
                    "dbs_in_date",
                    "Volunteers with an in-date DBS check",
                    self.count(v.dbs_in_date, lambda k: k.dbs_in_date),
                ),
            ),
        )

    def outcome_table(self, outcome: OutcomeFigures) -> Table:
        counts = {
            "improved": outcome.improved,
            "worse": outcome.worse,
            "no_change": outcome.no_change,
        }
        if outcome.improved + outcome.worse + outcome.no_change != outcome.people:
            raise ValueError(f"Outcome counts for {outcome.measure} do not add up to its people")
        if self.perturbed:
            if outcome.keys is None:
                raise ValueError(f"Perturbed figures need the cell keys of {outcome.measure}")
            k = outcome.keys
            keys = {"improved": k.improved, "worse": k.worse, "no_change": k.no_change}
            split = ProtectedBreakdown(
                perturb_breakdown(counts, keys, self.rules).cells,
                perturb_count(outcome.people, k.people, self.rules),
            )
        else:
            split = protect_breakdown(counts, self.rules)

        def mean(code: str, label: str, value: float | None, kind: Kind = "mean") -> Figure:
            if self.perturbed:
                protected = perturbed_mean(value, outcome.people, split.total, self.rules)
            else:
                protected = protect_mean(value, outcome.people, self.rules)
            return Figure(code, label, protected.value, protected.suppressed, kind)

        rows = (
            _people("people", "People with a baseline and a follow-up", split.total),
            mean("mean_baseline", "Mean score at baseline", outcome.mean_baseline),
            mean("mean_follow_up", "Mean score at follow-up", outcome.mean_follow_up),
            mean("mean_change", _change_label(outcome), outcome.mean_change, "change"),
            _people("improved", "Improved", split.cells["improved"]),
            _people("worse", "Got worse", split.cells["worse"]),
            _people("no_change", "No change", split.cells["no_change"]),
        )
        return Table(outcome.measure, outcome.label, rows)

    def outcomes(self, choice: SectionChoice) -> Section:
        tables = tuple(self.outcome_table(o) for o in self.figures.outcomes)
        changes = tuple(
            _improvement(t.rows[3], o) for t, o in zip(tables, self.figures.outcomes, strict=True)
        )
        chart = Table("mean_change", IMPROVEMENT_CHART_TITLE, changes, chart="bars")
        charts = (chart,) if tables else ()
        return Section("outcomes", choice.heading, "outcomes", tables=tables, charts=charts)

    def onward_referrals(self, choice: SectionChoice) -> Section:
        by_code, texts = _destinations(self.figures.onward_referrals)
        large = {c for c, n in by_code.items() if n >= self.rules.threshold}
        counts, labels = _fold_small(by_code, texts, large, "Other destinations")
        protected = protect_breakdown(counts, self.rules)
        table = self.table("by_destination", "Onward referrals by destination", protected, labels)
        total = _people("total", "Onward referrals made", protected.total)
        return Section(
            "onward_referrals",
            choice.heading,
            "onward_referrals",
            figures=(total,),
            tables=(table,),
        )

    def referrals(self, choice: SectionChoice) -> Section:
        """Counts of referrals are counts of people, published like every other: perturbed by
        the record keys of the people referred; or, exact, each part of the whole protected
        with the rest of the whole beside it, so that "received minus responded" cannot give
        away a hidden number. Medians are shown like means."""
        r = self.figures.referrals
        k = r.keys
        source_counts = _in_order(r.by_source, vocab.REFERRER_KIND, "kind")
        outcome_counts = _in_order(r.by_outcome, vocab.REFERRAL_OUTCOME, "referral outcome")
        if self.perturbed:
            by_source = perturb_breakdown(source_counts, k.by_source, self.rules)
            outcomes = perturb_breakdown(outcome_counts, k.by_outcome, self.rules)
        else:
            by_source = protect_breakdown(source_counts, self.rules)
            outcomes = protect_breakdown(outcome_counts, self.rules)

        def published(count: int, key: int) -> Cell:
            """A part of the received: perturbed by its key; or, exact, protected with the
            rest of the received beside it."""
            if self.perturbed:
                return perturb_count(count, key, self.rules)
            split = protect_breakdown({"yes": count, "no": r.received - count}, self.rules)
            return split.cells["yes"]

        def part(code: str, label: str, count: int, key: int) -> Figure:
            return _people(code, label, published(count, key))

        def median(code: str, label: str, days: Median, key: int) -> Figure:
            if self.perturbed:
                cell = perturb_count(days.referrals, key, self.rules)
                shown = perturbed_mean(days.days, days.referrals, cell, self.rules)
            else:
                shown = protect_mean(days.days, days.referrals, self.rules)
            return Figure(code, label, shown.value, shown.suppressed, "days")

        within = k.responded_within
        return Section(
            "referrals",
            choice.heading,
            "referrals",
            figures=(
                _people("received", "Referrals received", by_source.total),
                part(
                    "within_5", "Responded within 5 working days", r.responded_within[5], within[5]
                ),
                part(
                    "within_10",
                    "Responded within 10 working days",
                    r.responded_within[10],
                    within[10],
                ),
                median(
                    "median_days_to_first_contact",
                    "Median working days to first contact",
                    r.first_contact,
                    k.first_contact,
                ),
                median(
                    "median_days_to_first_session",
                    "Median working days to a first session",
                    r.first_session,
                    k.first_session,
                ),
                part(
                    "first_session",
                    "Came to a first session",
                    r.reached_first_session,
                    k.first_session,
                ),
                part("engaged", "Engaged (three sessions or more)", r.engaged, k.engaged),
            ),
            tables=(
                self.table(
                    "by_source", "Referrals by who referred", by_source, vocab.REFERRER_KIND
                ),
                self.table(
                    "by_outcome",
                    "Referrals closed, by reason",
                    outcomes,
                    vocab.REFERRAL_OUTCOME,
                    "none",
                ),
            ),
        )

    def safeguarding(self, choice: SectionChoice) -> Section:
        raised = protect_count(self.figures.safeguarding_concerns, self.rules)
        resolved = protect_count(self.figures.safeguarding_resolved, self.rules)
        figures = (
            _people("concerns", "Safeguarding concerns raised", raised),
            _people("resolved", "Safeguarding concerns resolved", resolved),
        )
        return Section("safeguarding", choice.heading, "safeguarding", figures=figures)

    def case_studies(self, choice: SectionChoice) -> Section:
        texts = tuple(TextBlock(c.title, c.text) for c in self.figures.case_studies)
        return Section("case_studies", choice.heading, "case_studies", texts=texts)

    def rules_section(self, choice: SectionChoice) -> Section:
        texts = tuple(
            TextBlock(title, text)
            for title, text in rules_paragraphs(self.figures, self.template, self.rules)
        )
        return Section("rules", choice.heading, "rules", texts=texts)
