"""A person's wellbeing scores over time: a chart per measure, a table of every form (Enter
opens the chosen one to correct or delete it), and "Record a measure…" (the outcome form).
Opened from the person's record."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.outcomes.change import OutcomeRecord, Stage
from desktop_app.domain.problems import long_date
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.dialog_parts import resize_within_screen, show_child
from desktop_app.ui.common.messages import UNDO
from desktop_app.ui.common.record_table import EntryTable
from desktop_app.ui.common.text_styles import heading
from desktop_app.ui.common.value_text import short_date
from desktop_app.ui.outcomes.outcome_chart import OutcomeChart
from desktop_app.ui.outcomes.outcome_form import OutcomeForm

COLUMNS = ("Date", "Measure", "Stage", "Score")


def score_text(record: OutcomeRecord) -> str:
    result = record.score
    if not result.complete:
        return "Incomplete (no total)"
    if result.metric is not None:
        return f"{result.total} (metric {result.metric:.2f})"
    if result.total is not None:
        return str(result.total)
    return ", ".join("–" if item is None else str(item) for item in result.items)


def short_measure_names(db: Database) -> dict[str, str]:
    """Names that fit a table cell: "SWEMWBS" for PeerLog's own, the name for custom ones."""
    return {m.code: m.name if m.custom else m.code for m in outcomes.measures(db)}


def open_outcome_form(
    db: Database, person_id: str, parent: QWidget, stage: Stage = Stage.BASELINE
) -> OutcomeForm:
    """The outcome form, with the stage that most likely comes next for this person."""
    taken = outcomes.person_outcomes(db, person_id)
    if taken and stage is Stage.BASELINE:
        stage = Stage.REVIEW
    form = OutcomeForm(db, person_id, parent, stage=stage)
    form.open()
    return form


class PersonOutcomes(QDialog):
    recorded = Signal()

    def __init__(self, db: Database, person_id: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.person_id = db, person_id
        self.setWindowTitle(f"Wellbeing scores: {name}")
        self.chart = OutcomeChart(db, person_id)
        charts = QScrollArea()
        charts.setWidgetResizable(True)
        charts.setWidget(self.chart)
        self.table = EntryTable(COLUMNS, "Every form recorded")
        self.table.open_requested.connect(lambda _row: self.correct_chosen())
        self.record_button = QPushButton("&Record a measure…")
        self.record_button.clicked.connect(self.record_measure)
        self.correct_button = QPushButton("&Open to correct…")
        self.correct_button.setToolTip("Correct or delete the form chosen in the table (Enter)")
        self.correct_button.clicked.connect(self.correct_chosen)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setToolTip("Delete the form chosen in the table")
        self.delete_button.clicked.connect(self.delete_chosen)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.correct_button, self.delete_button, close):
            button.setAutoDefault(False)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Scores over time", 2))
        layout.addWidget(charts, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 130, metrics.lineSpacing() * 40
        resize_within_screen(self, width, height)  # the chart and table give up height
        self.refresh()
        self.record_button.setFocus()

    @Slot()
    def refresh(self) -> None:
        self.chart.refresh()
        names = short_measure_names(self.db)
        records = list(reversed(outcomes.person_outcomes(self.db, self.person_id)))
        self.records = records  # in the table's order, newest first
        self.table.set_rows(
            [
                (
                    short_date(record.taken_on),
                    names.get(record.measure_code, record.measure_code),
                    record.stage.label,
                    score_text(record),
                )
                for record in records
            ]
        )
        self.correct_button.setEnabled(bool(records))
        self.delete_button.setEnabled(bool(records))

    def chosen_record(self) -> OutcomeRecord | None:
        row = self.table.chosen_row()
        return None if row is None else self.records[row]

    @Slot()
    def correct_chosen(self) -> OutcomeForm | None:
        """The chosen form, filled in as it was saved, to correct it (or delete it)."""
        record = self.chosen_record()
        if record is None:
            return None
        form = OutcomeForm(self.db, self.person_id, self, existing=record)
        form.saved.connect(lambda _record: self._after_record())
        form.deleted.connect(lambda _id: self._after_record())
        show_child(form)
        return form

    @Slot()
    def delete_chosen(self) -> None:
        record = self.chosen_record()
        if record is None:
            return
        name = short_measure_names(self.db).get(record.measure_code, record.measure_code)
        if not messages.confirm(
            self,
            "Delete this form?",
            f"Delete the {name} form of {long_date(record.taken_on)} ({record.stage.label}, "
            f"score {score_text(record)})? Its scores will no longer count in charts or "
            f"returns. {UNDO}",
            "Delete the form",
        ):
            return
        try:
            outcomes.delete_outcome(self.db, record.id)
        except StoreError as problem:
            messages.show_error(self, "The form was not deleted", str(problem))
        self._after_record()

    @Slot()
    def record_measure(self) -> None:
        form = open_outcome_form(self.db, self.person_id, self)
        form.saved.connect(lambda _record: self._after_record())

    def _after_record(self) -> None:
        self.refresh()
        self.recorded.emit()
