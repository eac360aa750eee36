"""A person's wellbeing scores over time: a chart per measure, a table of every form, and
"Record a measure…" (the outcome form). Opened from the person's record."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.outcomes.change import OutcomeRecord, Stage
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.ui.common.screen_fit import FittedDialog
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


class PersonOutcomes(FittedDialog):
    recorded = Signal()

    def __init__(self, db: Database, person_id: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.person_id = db, person_id
        self.setWindowTitle(f"Wellbeing scores: {name}")
        self.chart = OutcomeChart(db, person_id)
        charts = QScrollArea()
        charts.setWidgetResizable(True)
        charts.setWidget(self.chart)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Every form recorded")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.record_button = QPushButton("&Record a measure…")
        self.record_button.clicked.connect(self.record_measure)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Scores over time", 2))
        layout.addWidget(charts, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 130, metrics.lineSpacing() * 40)
        self.refresh()
        self.record_button.setFocus()

    @Slot()
    def refresh(self) -> None:
        self.chart.refresh()
        names = short_measure_names(self.db)
        records = list(reversed(outcomes.person_outcomes(self.db, self.person_id)))
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            cells = (
                short_date(record.taken_on),
                names.get(record.measure_code, record.measure_code),
                record.stage.label,
                score_text(record),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    @Slot()
    def record_measure(self) -> None:
        form = open_outcome_form(self.db, self.person_id, self)
        form.saved.connect(lambda _record: self._after_record())

    def _after_record(self) -> None:
        self.refresh()
        self.recorded.emit()
