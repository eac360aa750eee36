"""What a return covers and how it is protected: period, template, threshold and rounding.

`PeriodChoice` offers the periods funders ask for (financial years April to March, their
quarters, calendar years) and any two dates. `ReturnChoices` holds the lot and says when any of
them changed, so the screen can tell the preview no longer matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.returns.disclosure import (
    DEFAULT_THRESHOLD,
    MAX_THRESHOLD,
    MIN_THRESHOLD,
    DisclosureRules,
)
from desktop_app.domain.returns.periods import Period, PeriodError
from desktop_app.domain.returns.templates import ReturnTemplate, TemplateError
from desktop_app.services.returns.templates import (
    alliance_template,
    builtin_templates,
    load_template,
    use_alliance_template,
)
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.forms.date_fields import DateBox
from desktop_app.ui.forms.field_error import FieldError

OTHER_DATES = "Other dates (choose below)"


def period_presets(today: date) -> list[tuple[str, Period]]:
    """The periods offered in the list, most asked-for first, each named with its dates."""
    this_fy = Period.financial_year_containing(today).start.year
    presets = [
        ("Last financial year", Period.financial_year(this_fy - 1)),
        ("This financial year", Period.financial_year(this_fy)),
    ]
    for first_year, which in ((this_fy, "this"), (this_fy - 1, "last")):
        for number in (1, 2, 3, 4):
            quarter = Period.quarter(first_year, number)
            if quarter.start <= today:
                presets.append((f"Quarter {number} of {which} financial year", quarter))
    presets += [
        ("Last calendar year", Period.calendar_year(today.year - 1)),
        ("This calendar year", Period.calendar_year(today.year)),
    ]
    return [(f"{name}: {period.label}", period) for name, period in presets]


class PeriodChoice(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presets = period_presets(today)
        self.preset = QComboBox()
        self.preset.setAccessibleName("Period the return covers")
        for label, _period in self.presets:
            self.preset.addItem(label)
        self.preset.addItem(OTHER_DATES)
        self.start = DateBox("First day of the period", allow_future=True)
        self.end = DateBox("Last day of the period", allow_future=True)
        self.error = FieldError("the period")
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        from_label, to_label = QLabel("Fro&m"), QLabel("t&o")
        from_label.setBuddy(self.start)
        to_label.setBuddy(self.end)
        for widget in (from_label, self.start, to_label, self.end):
            dates.addWidget(widget)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset)
        layout.addLayout(dates)
        layout.addWidget(self.error)
        self._filling = False
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        self._preset_chosen(0)

    def period(self) -> Period | None:
        """The chosen period, or None (with the problem shown) when the dates are the wrong
        way round."""
        try:
            chosen = Period(self.start.value(), self.end.value())
        except PeriodError as problem:
            self.error.show_problem(str(problem))
            return None
        self.error.show_problem(None)
        return chosen

    def choose(self, period: Period) -> None:
        """Show `period`: its preset when there is one, otherwise its dates."""
        for index, (_label, preset) in enumerate(self.presets):
            if preset == period:
                self.preset.setCurrentIndex(index)
                return
        self.preset.setCurrentIndex(len(self.presets))
        self.start.set_value(period.start)
        self.end.set_value(period.end)

    @Slot(int)
    def _preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self.presets):
            period = self.presets[index][1]
            self._filling = True
            self.start.set_value(period.start)
            self.end.set_value(period.end)
            self._filling = False
        self.period()
        self.changed.emit()

    @Slot()
    def _dates_edited(self) -> None:
        if self._filling:
            return
        other = len(self.presets)
        if self.preset.currentIndex() != other:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(other)
            self.preset.blockSignals(False)
        self.period()
        self.changed.emit()


@dataclass(frozen=True)
class Choices:
    period: Period
    template: ReturnTemplate
    rules: DisclosureRules


class ReturnChoices(QWidget):
    """The form at the top of the Returns screen."""

    changed = Signal()

    def __init__(
        self, today: date, db: Database | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.period = PeriodChoice(today)
        self.templates = builtin_templates()
        self.template = QComboBox()
        self.template.setAccessibleName("Return template")
        for template in self.templates:
            self.template.addItem(template.name)
        self._alliance: ReturnTemplate | None = None  # offered first when the alliance sent one
        ours = alliance_template(db) if db is not None else None
        if ours is not None:  # first, and chosen: every member's return has the same shape
            self._offer_alliance_template(ours)
        self.use_alliance = QPushButton("&Use our alliance's template…")
        self.use_alliance.setAccessibleName("Use our alliance's template")
        self.use_alliance.setToolTip(
            "Load the template file your alliance sent: PeerLog keeps it and offers it first, "
            "so your returns can be added up with the other members'"
        )
        self.use_alliance.clicked.connect(self.choose_alliance_template)
        self.use_alliance.setVisible(db is not None)
        self.template_note = QLabel()
        self.template_note.setWordWrap(True)
        self.open_template = QPushButton("Op&en a template file…")
        self.open_template.setAccessibleName("Open a template file")
        self.open_template.setToolTip("Use a return template your funder or alliance gave you")
        self.open_template.clicked.connect(self.choose_template_file)
        self.threshold = QSpinBox()
        self.threshold.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setAccessibleName("Smallest count of people shown")
        self.threshold.setMaximumWidth(self.threshold.fontMetrics().averageCharWidth() * 10)
        self.threshold.setToolTip(
            "Counts of people smaller than this are hidden so nobody can be recognised. "
            f"{DEFAULT_THRESHOLD} is usual."
        )
        self.rounding = QCheckBox("Round counts of people to the &nearest 5")
        self.rounding.setAccessibleName("Round counts of people to the nearest 5")
        self.exact = QCheckBox("E&xact counts of people (data sharing agreement only)")
        self.exact.setAccessibleName("Exact counts of people")
        self.exact.setToolTip(
            "Counts of people are normally adjusted slightly so that two returns cannot be "
            "subtracted to find someone. Exact counts may identify people: the files will say so "
            "on every page, and the audit trail records it."
        )

        template_row = QVBoxLayout()
        template_row.addWidget(self.template)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_alliance)
        buttons.addWidget(self.open_template)
        buttons.addStretch(1)
        template_row.addLayout(buttons)
        template_row.addWidget(self.template_note)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self._buddy("&Period", self.period.preset), self.period)
        form.addRow(self._buddy("&Template", self.template), template_row)
        form.addRow(self._buddy("&Hide counts of people below", self.threshold), self.threshold)
        form.addRow(self.rounding)
        form.addRow(self.exact)

        self.period.changed.connect(self.changed)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.threshold.valueChanged.connect(self.changed)
        self.rounding.toggled.connect(self.changed)
        self.exact.toggled.connect(self.changed)
        self._template_chosen(self.template.currentIndex())

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def choices(self) -> Choices | None:
        """What to build, or None when the period needs fixing (the problem is shown)."""
        period = self.period.period()
        if period is None:
            return None
        template = self.templates[self.template.currentIndex()]
        rules = DisclosureRules(
            self.threshold.value(), self.rounding.isChecked(), exact=self.exact.isChecked()
        )
        return Choices(period, template, rules)

    def add_template(self, template: ReturnTemplate) -> None:
        """Offer `template` (read from a file) and choose it."""
        self.templates.append(template)
        self.template.addItem(f"{template.name} (from a file)")
        self.template.setCurrentIndex(self.template.count() - 1)

    def _offer_alliance_template(self, template: ReturnTemplate) -> None:
        if self._alliance is not None:  # a new one replaces the one before
            self.templates.pop(0)
            self.template.removeItem(0)
        self._alliance = template
        self.templates.insert(0, template)
        label = f"Our alliance's template: {template.name} (version {template.version})"
        self.template.insertItem(0, label)
        self.template.setCurrentIndex(0)

    @Slot()
    def choose_alliance_template(self) -> None:
        """Load the alliance's template file and keep it, so it is offered first from now on."""
        path = file_dialogs.choose_open_file(
            self, "Open your alliance's return template", Path.home(), "Return templates (*.json)"
        )
        if path is None or self.db is None:
            return
        try:
            template = use_alliance_template(self.db, path)
        except (TemplateError, StoreError) as problem:
            messages.show_error(self, "This template cannot be used", str(problem))
            return
        self._offer_alliance_template(template)

    @Slot()
    def choose_template_file(self) -> None:
        path = file_dialogs.choose_open_file(
            self, "Open a return template", Path.home(), "Return templates (*.json)"
        )
        if path is None:
            return
        try:
            template = load_template(path)
        except TemplateError as problem:
            messages.show_error(self, "This template cannot be used", str(problem))
            return
        self.add_template(template)

    @Slot(int)
    def _template_chosen(self, index: int) -> None:
        if 0 <= index < len(self.templates):
            self.template_note.setText(self.templates[index].description)
        self.changed.emit()
