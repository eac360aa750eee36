"""The dialog for recording one wellbeing or loneliness form for a person, or for correcting (or
deleting) one already saved: the same form, filled in with what was saved.

Built for quick entry from paper with the keyboard alone: type a score, press Enter or Tab for the
next item. The total (and the SWEMWBS metric score) update as scores are typed; a score outside
the measure's range is refused with a message beside it.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.outcomes.change import OutcomeRecord, Stage
from desktop_app.domain.outcomes.measures import Measure
from desktop_app.domain.outcomes.scoring import item_problem, score
from desktop_app.domain.problems import long_date
from desktop_app.services import outcomes
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.dialog_parts import RecordKey, resize_within_screen
from desktop_app.ui.common.field_error import ERROR_STYLE, FieldError
from desktop_app.ui.common.form_state import remember_opening_state
from desktop_app.ui.common.messages import UNDO
from desktop_app.ui.common.record_dialog import SAVE_KEYS
from desktop_app.ui.common.unsaved import AsksBeforeDiscarding

NOT_ANSWERED = -1
PROBLEM_WIDTH = 220


class ItemScoreBox(QSpinBox):
    """A score box that can be left blank ("Not answered") and moves on when Enter is pressed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_ANSWERED, 999)
        self.setSpecialValueText("Not answered")
        self.setValue(NOT_ANSWERED)
        self.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows)

    def answer(self) -> int | None:
        return None if self.value() == NOT_ANSWERED else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        return NOT_ANSWERED if not text.strip() else super().valueFromText(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()  # typing replaces "Not answered" or the old score

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.answer() is None:  # a cleared box reads "Not answered" again
            self.lineEdit().setText(self.specialValueText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class OutcomeForm(AsksBeforeDiscarding):
    """Record a measure for `person_id`, or correct `existing`. Emits `saved` with the stored
    record, `deleted` with the id of a deleted one."""

    saved = Signal(object)
    deleted = Signal(str)
    discard_question = "Discard this wellbeing form?"

    def __init__(
        self,
        db: Database,
        person_id: str,
        parent: QWidget | None = None,
        taken_on: date | None = None,
        measure_code: str | None = None,
        stage: Stage = Stage.BASELINE,
        existing: OutcomeRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.person_id = person_id
        self.existing = existing
        self.key = RecordKey(existing.id if existing else None, self)
        self._measures = {m.code: m for m in outcomes.offered_measures(db)}
        if existing is not None and existing.measure_code not in self._measures:
            # no longer offered on new forms, but it is the measure this form was saved on
            self._measures[existing.measure_code] = outcomes.measure(db, existing.measure_code)
        self.boxes: list[ItemScoreBox] = []
        self.problems: list[QLabel] = []
        self.setWindowTitle(
            "Correct a wellbeing measure" if existing else "Record a wellbeing measure"
        )
        resize_within_screen(self, 760, 560)  # the items scroll when it is cut shorter

        self.measure_box = QComboBox()
        self.measure_box.setAccessibleName("Measure")
        for m in self._measures.values():
            self.measure_box.addItem(m.name, m.code)
        self.stage_box = QComboBox()
        self.stage_box.setAccessibleName("Stage")
        for each in Stage:
            self.stage_box.addItem(each.label, each.value)
        self.stage_box.setCurrentIndex(self.stage_box.findData(Stage(stage).value))
        self.date_edit = DateBox("Date the form was filled in")
        self.date_edit.set_value(taken_on or date.today())

        top = QFormLayout()
        top.addRow(_buddy("&Measure", self.measure_box), self.measure_box)
        top.addRow(_buddy("S&tage", self.stage_box), self.stage_box)
        top.addRow(_buddy("&Date", self.date_edit), self.date_edit)

        self.items_scroll = QScrollArea()
        self.items_scroll.setWidgetResizable(True)
        self.items_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.summary = QLabel()
        self.summary.setAccessibleName("Score")
        self.summary.setWordWrap(True)
        self.message = FieldError("saving the form")

        self.buttons = QDialogButtonBox()
        # No default button: Enter moves between items and never saves a half-typed form.
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip("Save the form (Ctrl+Enter)")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            "Delete…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setVisible(existing is not None)
        self.delete_button.clicked.connect(self.delete)
        for button in (self.save_button, cancel, self.delete_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        for keys in SAVE_KEYS:
            QShortcut(QKeySequence(keys), self).activated.connect(self._save)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.items_scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.measure_box.currentIndexChanged.connect(self._show_measure)
        if existing is not None:
            measure_code = existing.measure_code
            self.stage_box.setCurrentIndex(self.stage_box.findData(existing.stage.value))
            self.date_edit.set_value(existing.taken_on)
        if measure_code in self._measures:
            self.measure_box.setCurrentIndex(self.measure_box.findData(measure_code))
        self._show_measure()
        if existing is not None:
            self._fill_in(existing)
        remember_opening_state(self)  # a lock keeps the form as a draft only once changed

    # Building ------------------------------------------------------------------------------

    @property
    def measure(self) -> Measure:
        return self._measures[self.measure_box.currentData()]

    def _show_measure(self) -> None:
        area = QWidget()
        grid = QGridLayout(area)
        grid.setColumnStretch(0, 1)
        self.boxes, self.problems = [], []
        m = self.measure
        answers = "; ".join(f"{value} = {text}" for value, text in m.answer_labels)
        self.hint = QLabel(
            f"Score each item from {m.item_min} to {m.item_max}"
            + (f" ({answers})" if answers else "")
            + ". Leave an item blank if the person did not answer it."
        )
        self.hint.setWordWrap(True)
        grid.addWidget(self.hint, 0, 0, 1, 3)
        for row, item in enumerate(m.items, start=1):
            box = ItemScoreBox()
            box.setAccessibleName(f"Item {item.number}")
            box.setAccessibleDescription(f"{item.label}. Score from {m.item_min} to {m.item_max}.")
            label = QLabel(f"{item.number}. {item.label}")
            label.setWordWrap(True)
            label.setBuddy(box)
            problem = QLabel()
            problem.setWordWrap(True)
            problem.setMinimumWidth(PROBLEM_WIDTH)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(problem, row, 2)
            box.valueChanged.connect(self._update)
            self.boxes.append(box)
            self.problems.append(problem)
        grid.setRowStretch(len(m.items) + 1, 1)  # spare height goes below the last item
        self.items_scroll.setWidget(area)  # the scroll area deletes the previous measure's items
        for before, after in itertools.pairwise([self.date_edit, *self.boxes, self.save_button]):
            QWidget.setTabOrder(before, after)
        self._update()

    def _fill_in(self, record: OutcomeRecord) -> None:
        """The saved scores in their boxes (a form imported as a total alone has none)."""
        for box, value in zip(self.boxes, record.score.items, strict=False):
            box.setValue(NOT_ANSWERED if value is None else value)
        if not record.score.items and record.score.total is not None:
            self.hint.setText(
                f"This form was saved as a total only ({record.score.total}), without the "
                "score of each item. To correct it, type the score of each item from the paper "
                "form."
            )

    # Live scoring --------------------------------------------------------------------------

    def answers(self) -> list[int | None]:
        return [box.answer() for box in self.boxes]

    def _update(self) -> None:
        m = self.measure
        any_problem = False
        for item, box, label in zip(m.items, self.boxes, self.problems, strict=True):
            value = box.answer()
            problem = None if value is None else item_problem(m, item.number, value)
            any_problem = any_problem or problem is not None
            band = item.band(value) if value is not None and problem is None else None
            label.setText(problem or band or "")
            label.setStyleSheet(ERROR_STYLE if problem else "")
            description = f"{item.label}. Score from {m.item_min} to {m.item_max}."
            box.setAccessibleDescription(f"{problem}. {description}" if problem else description)
        self.message.show_problem(None)
        self.save_button.setEnabled(not any_problem)
        if any_problem:
            self.summary.setText("Correct the scores marked in red to see the total.")
            return
        self.summary.setText(self._summary_text(m, self.answers()))

    @staticmethod
    def _summary_text(m: Measure, answers: list[int | None]) -> str:
        missing = [str(n) for n, value in enumerate(answers, start=1) if value is None]
        if len(missing) == len(answers):
            return "Type a score for each item."
        result = score(m, answers)
        if not m.has_total:
            text = "Each item is reported on its own; there is no total."
        elif result.total is None:
            return (
                f"Incomplete: item{'s' if len(missing) > 1 else ''} {', '.join(missing)} not "
                "answered. The form will be saved without a total."
            )
        else:
            text = f"Total {result.total} (from {m.total_min} to {m.total_max})"
            if result.metric is not None:
                text += f". Metric score {result.metric:.2f}"
            text += "."
        if missing:
            text += f" Not answered: item{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
        return text

    # Saving --------------------------------------------------------------------------------

    @Slot()
    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a score is out of range: it is marked beside its box
        answers = self.answers()
        if all(value is None for value in answers):
            self._refuse("Type at least one item score before saving.")
            return
        try:
            record = outcomes.record_outcome(
                self._db,
                self.person_id,
                self.measure.code,
                Stage(self.stage_box.currentData()),
                self.date_edit.value(),
                answers,
                correcting=self.key.record_id(),
            )
        except StoreError as exc:
            self._refuse(str(exc))
            return
        self.saved.emit(record)
        self.accept()

    @Slot()
    def delete(self) -> None:
        """Delete the saved form being corrected, after asking."""
        record_id = self.key.record_id()
        if record_id is None:
            return
        taken = long_date(self.date_edit.value())
        if not messages.confirm(
            self,
            "Delete this form?",
            f"Delete the {self.measure.name} form of {taken}? Its scores will no longer count "
            f"in charts or returns. {UNDO}",
            "Delete the form",
        ):
            return
        try:
            outcomes.delete_outcome(self._db, record_id)
        except StoreError as exc:
            self._refuse(str(exc))
            return
        self.deleted.emit(record_id)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.show_problem(text)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
